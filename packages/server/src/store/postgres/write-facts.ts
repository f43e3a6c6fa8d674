import type { WriteBatch } from "../write-batch.ts";
import { type Db, jsonRows, type Write } from "./connect.ts";
import { lastByKey, latestByKey, pairKey } from "./dedupe.ts";

/** Contacts, traits, scores, events and list edits: one multi-row statement each. */
export function factWrites(db: Db, b: WriteBatch): Write[] {
  const out: Write[] = [];
  if (b.contacts.length > 0) out.push(insertContacts(db, b));
  if (b.traits.length > 0) out.push(upsertTraits(db, b));
  if (b.scores.length > 0) out.push(upsertScores(db, b));
  if (b.events.length > 0) out.push(appendEvents(db, b));
  out.push(...listEdits(db, b));
  return out;
}

function insertContacts(db: Db, b: WriteBatch): Write {
  return db`
    insert into contacts (workspace_id, id, created_at)
    select ${b.workspaceId}, x.id, x."createdAt"
    from jsonb_to_recordset(${jsonRows(db, b.contacts)}) as x(id text, "createdAt" bigint)
    on conflict do nothing`;
}

// Last writer wins in SQL: an older write arriving late leaves the stored row alone. A removal
// is a row whose value is NULL (a JSON null becomes SQL NULL), so it keeps its ts and still wins.
function upsertTraits(db: Db, b: WriteBatch): Write {
  const rows = latestByKey(b.traits, (t) => pairKey(t.contactId, t.key));
  return db`
    insert into contact_traits as t (workspace_id, contact_id, key, value, ts)
    select ${b.workspaceId}, x."contactId", x.key, x.value, x.ts
    from jsonb_to_recordset(${jsonRows(db, rows)}) as x("contactId" text, key text, value jsonb, ts bigint)
    on conflict (workspace_id, contact_id, key) do update set value = excluded.value, ts = excluded.ts
    where excluded.ts >= t.ts`;
}

function upsertScores(db: Db, b: WriteBatch): Write {
  const rows = latestByKey(b.scores, (s) => pairKey(s.contactId, s.score));
  return db`
    insert into contact_scores as s (workspace_id, contact_id, score, value, ts)
    select ${b.workspaceId}, x."contactId", x.score, x.value, x.ts
    from jsonb_to_recordset(${jsonRows(db, rows)})
      as x("contactId" text, score text, value double precision, ts bigint)
    on conflict (workspace_id, contact_id, score) do update set value = excluded.value, ts = excluded.ts
    where excluded.ts >= s.ts`;
}

// Ordered by position in the batch so that the bigserial ids keep arrival order.
function appendEvents(db: Db, b: WriteBatch): Write {
  return db`
    insert into events (workspace_id, contact_id, event, ts, properties)
    select ${b.workspaceId}, x.contact_id, x.event, x.ts, x.properties
    from rows from (jsonb_to_recordset(${jsonRows(db, b.events)})
      as ("contactId" text, event text, "timestamp" bigint, properties jsonb))
      with ordinality as x(contact_id, event, ts, properties, o)
    order by x.o`;
}

function listEdits(db: Db, b: WriteBatch): Write[] {
  const edits = lastByKey(b.listMembers, (m) => pairKey(m.listId, m.contactId));
  const removed = edits.filter((m) => !m.member);
  const added = edits.filter((m) => m.member);
  const out: Write[] = [];
  if (removed.length > 0) {
    out.push(db`
      delete from list_members l
      using jsonb_to_recordset(${jsonRows(db, removed)}) as x("listId" text, "contactId" text)
      where l.workspace_id = ${b.workspaceId} and l.list_id = x."listId" and l.contact_id = x."contactId"`);
  }
  if (added.length > 0) {
    out.push(db`
      insert into list_members (workspace_id, list_id, contact_id)
      select ${b.workspaceId}, x."listId", x."contactId"
      from jsonb_to_recordset(${jsonRows(db, added)}) as x("listId" text, "contactId" text)
      on conflict do nothing`);
  }
  return out;
}
