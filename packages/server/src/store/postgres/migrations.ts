import { idempotencySchema } from "./idempotency.ts";

/** A numbered schema step. Steps are append-only: a released step is never edited, a new one is added. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Same logical model as the SQLite adapter's: keyed by workspace first; only the tables a
// workspace owns directly reference it, so hot fact inserts skip a parent lookup per row, and a
// contact's facts go explicitly with it. Ids use the "C" collation: byte order, the same as SQLite's BINARY, whatever the database's
// locale, so `order by id` and `id > cursor` agree across adapters and machines.
const ID = `text collate "C" not null`;

const initial = `
create table workspaces (
  id ${ID} primary key,
  name text not null,
  api_key_hash text not null unique,
  created_at bigint not null
);
create table segments (
  workspace_id ${ID} references workspaces (id), id ${ID},
  name text not null, description text not null, rule jsonb not null,
  version integer not null,
  status text not null check (status in ('computing', 'live', 'paused')),
  created_at bigint not null, updated_at bigint not null,
  primary key (workspace_id, id)
);
create table lists (
  workspace_id ${ID} references workspaces (id), id ${ID}, name text not null, created_at bigint not null,
  primary key (workspace_id, id)
);
create table contacts (
  workspace_id ${ID} references workspaces (id), id ${ID}, created_at bigint not null,
  primary key (workspace_id, id)
);
-- value null: the trait was removed at ts (kept so that an older, late write still loses).
create table contact_traits (
  workspace_id ${ID}, contact_id ${ID}, key ${ID}, value jsonb, ts bigint not null,
  primary key (workspace_id, contact_id, key)
);
create table contact_scores (
  workspace_id ${ID}, contact_id ${ID}, score ${ID},
  value double precision not null, ts bigint not null,
  primary key (workspace_id, contact_id, score)
);
-- Append-only; id gives arrival order, which breaks ties between equal timestamps.
create table events (
  workspace_id ${ID}, id bigserial, contact_id ${ID},
  event text not null, ts bigint not null, properties jsonb not null,
  primary key (workspace_id, id)
);
create index events_by_contact on events (workspace_id, contact_id, ts, id);
create table list_members (
  workspace_id ${ID}, list_id ${ID}, contact_id ${ID},
  primary key (workspace_id, list_id, contact_id)
);
create index list_members_by_contact on list_members (workspace_id, contact_id);
create table memberships (
  workspace_id ${ID}, segment_id ${ID}, contact_id ${ID}, since bigint not null,
  primary key (workspace_id, segment_id, contact_id)
);
create index memberships_by_contact on memberships (workspace_id, contact_id);
create table changes (
  workspace_id ${ID}, seq bigint not null, segment_id ${ID}, contact_id ${ID},
  change text not null check (change in ('entered', 'exited')),
  at bigint not null, segment_version integer not null,
  primary key (workspace_id, seq)
);
create index changes_by_segment on changes (workspace_id, segment_id, seq);
create index changes_by_contact on changes (workspace_id, segment_id, contact_id, at, seq);
create table workspace_seq (workspace_id ${ID} primary key references workspaces (id), last_seq bigint not null);
create table processed_messages (
  workspace_id ${ID}, message_id ${ID},
  primary key (workspace_id, message_id)
);
`;

// The delivery state sits in the webhook's row: one small update per delivered change.
// segments null: every segment.
const webhooks = `
create table webhooks (
  workspace_id ${ID} references workspaces (id), id ${ID},
  url text not null, segments jsonb, secret text not null, created_at bigint not null,
  cursor bigint not null, failures integer not null, gone integer not null,
  next_attempt_at bigint, last_error text, disabled_at bigint, disabled_reason text,
  primary key (workspace_id, id)
);
`;

export const migrations: readonly Migration[] = [
  { version: 1, name: "initial schema", sql: initial },
  { version: 2, name: "webhooks", sql: webhooks },
  { version: 3, name: "idempotency keys", sql: idempotencySchema },
  // Each membership change wrote a random page of this index; reads by contact probe the
  // primary key once per segment instead.
  { version: 4, name: "no membership index by contact", sql: "drop index memberships_by_contact;" },
  // Every commit counts itself here, so that a snapshot of the derived state can tell whether
  // anything was committed after it was taken.
  {
    version: 5,
    name: "commit counter",
    sql: `create table workspace_commits (
      workspace_id ${ID} primary key references workspaces (id), commits bigint not null
    );`,
  },
];
