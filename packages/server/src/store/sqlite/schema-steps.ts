/**
 * The schema as numbered steps, applied in order and recorded in `schema_migrations`. A step
 * never changes once released: a schema change is a new step at the end.
 *
 * Every table is keyed by workspace first, so each read is a range scan inside one tenant.
 * STRICT tables reject what PostgreSQL would (a fractional timestamp, NaN as NULL), so both
 * adapters fail the same batches. Fact tables carry no foreign keys: a contact's deletion removes
 * them explicitly in the same transaction, and hot inserts skip a parent lookup per row.
 */
import { idempotencySchema } from "./idempotency.ts";

export interface SchemaStep {
  version: number;
  name: string;
  sql: string;
}

const initialSchema = `
CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  api_key_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE segments (
  ws TEXT NOT NULL REFERENCES workspaces (id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  rule TEXT NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (ws, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE lists (
  ws TEXT NOT NULL REFERENCES workspaces (id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (ws, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE contacts (
  ws TEXT NOT NULL REFERENCES workspaces (id),
  id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (ws, id)
) STRICT, WITHOUT ROWID;

-- value NULL is a removal, kept with its ts so that a late older write still loses to it.
CREATE TABLE contact_traits (
  ws TEXT NOT NULL,
  contact TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT,
  ts INTEGER NOT NULL,
  PRIMARY KEY (ws, contact, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE contact_scores (
  ws TEXT NOT NULL,
  contact TEXT NOT NULL,
  score TEXT NOT NULL,
  value REAL NOT NULL,
  ts INTEGER NOT NULL,
  PRIMARY KEY (ws, contact, score)
) STRICT, WITHOUT ROWID;

-- id (the rowid) is the arrival order; a new rowid is always above every existing one.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  ws TEXT NOT NULL,
  contact TEXT NOT NULL,
  event TEXT NOT NULL,
  ts INTEGER NOT NULL,
  properties TEXT NOT NULL
) STRICT;
CREATE INDEX events_by_contact ON events (ws, contact, ts, id);

CREATE TABLE list_members (
  ws TEXT NOT NULL,
  contact TEXT NOT NULL,
  list TEXT NOT NULL,
  PRIMARY KEY (ws, contact, list)
) STRICT, WITHOUT ROWID;
CREATE INDEX list_members_by_list ON list_members (ws, list);

CREATE TABLE memberships (
  ws TEXT NOT NULL,
  segment TEXT NOT NULL,
  contact TEXT NOT NULL,
  since INTEGER NOT NULL,
  PRIMARY KEY (ws, segment, contact)
) STRICT, WITHOUT ROWID;
-- Covering (since included): without it the planner, lacking statistics, scans the whole
-- workspace's primary key for one contact's memberships.
CREATE INDEX memberships_by_contact ON memberships (ws, contact, segment, since);

CREATE TABLE changes (
  ws TEXT NOT NULL,
  seq INTEGER NOT NULL,
  segment TEXT NOT NULL,
  contact TEXT NOT NULL,
  change TEXT NOT NULL CHECK (change IN ('entered', 'exited')),
  at INTEGER NOT NULL,
  segment_version INTEGER NOT NULL,
  PRIMARY KEY (ws, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX changes_by_segment ON changes (ws, segment, seq);
CREATE INDEX changes_as_of ON changes (ws, segment, contact, at, seq);

CREATE TABLE workspace_seq (
  ws TEXT PRIMARY KEY REFERENCES workspaces (id),
  last_seq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE processed_messages (
  ws TEXT NOT NULL,
  message_id TEXT NOT NULL,
  PRIMARY KEY (ws, message_id)
) STRICT, WITHOUT ROWID;
`;

// The delivery state sits in the webhook's row: one small update per delivered change.
// segments is a JSON array of segment ids; NULL: every segment.
const webhooks = `
CREATE TABLE webhooks (
  ws TEXT NOT NULL REFERENCES workspaces (id),
  id TEXT NOT NULL,
  url TEXT NOT NULL,
  segments TEXT,
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  cursor INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  gone INTEGER NOT NULL,
  next_attempt_at INTEGER,
  last_error TEXT,
  disabled_at INTEGER,
  disabled_reason TEXT,
  PRIMARY KEY (ws, id)
) STRICT, WITHOUT ROWID;
`;

export const SCHEMA_STEPS: readonly SchemaStep[] = [
  { version: 1, name: "initial schema", sql: initialSchema },
  { version: 2, name: "webhooks", sql: webhooks },
  { version: 3, name: "idempotency keys", sql: idempotencySchema },
  // Each membership change wrote a random page of this index; reads by contact probe the
  // primary key once per segment instead.
  { version: 4, name: "no membership index by contact", sql: "DROP INDEX memberships_by_contact;" },
  // changes_as_of took a random page write per membership change (keyed by contact). As-of reads
  // now scan one segment's changes in this covering index instead, in seq order, with no table
  // lookup; the change feed by segment reads it as before.
  {
    version: 5,
    name: "as-of reads from the change log by segment",
    sql: `DROP INDEX changes_as_of;
      DROP INDEX changes_by_segment;
      CREATE INDEX changes_by_segment ON changes (ws, segment, seq, contact, change, at);`,
  },
  // Every commit counts itself here, so that a snapshot of the derived state can tell whether
  // anything was committed after it was taken.
  {
    version: 6,
    name: "commit counter",
    sql: `CREATE TABLE workspace_commits (
      ws TEXT PRIMARY KEY REFERENCES workspaces (id),
      commits INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;`,
  },
];
