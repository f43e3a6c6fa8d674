import type postgres from "postgres";
import type { StoredContact } from "../records.ts";
import type { Db, Sql } from "./connect.ts";

interface ContactRow {
  id: string;
  created_at: number;
}
type Facts = Awaited<ReturnType<typeof readFacts>>;

export async function getContact(
  sql: Sql,
  ws: string,
  id: string,
  events = true,
): Promise<StoredContact | undefined> {
  const [contact] = await readContacts(
    sql,
    ws,
    (db) => db<ContactRow[]>`select id, created_at from contacts where workspace_id = ${ws} and id = ${id}`,
    events,
  );
  return contact;
}

/** Contacts by id in chunks: per chunk one keyset query for the ids and one range query per fact table. */
export async function* streamContacts(
  sql: Sql,
  ws: string,
  chunkSize = 1000,
): AsyncIterable<StoredContact[]> {
  let after: string | undefined;
  for (;;) {
    const cursor = after;
    const chunk = await readContacts(
      sql,
      ws,
      (db) => db<ContactRow[]>`
        select id, created_at from contacts
        where workspace_id = ${ws} ${cursor === undefined ? db`` : db`and id > ${cursor}`}
        order by id limit ${chunkSize}`,
    );
    if (chunk.length > 0) yield chunk;
    if (chunk.length < chunkSize) return;
    after = chunk[chunk.length - 1].id;
  }
}

type PickContacts = (db: Db) => postgres.PendingQuery<ContactRow[]>;

// One read-only snapshot per chunk, so a contact never mixes facts from before and after a commit.
async function readContacts(
  sql: Sql,
  ws: string,
  pick: PickContacts,
  events = true,
): Promise<StoredContact[]> {
  return sql.begin("isolation level repeatable read read only", async (tx) => {
    const rows = await pick(tx);
    if (rows.length === 0) return [];
    const facts = await readFacts(tx, ws, rows[0].id, rows[rows.length - 1].id, events);
    return assemble(rows, facts);
  });
}

// Ranges over the primary keys (ids come back in order), pipelined on the snapshot's connection.
function readFacts(db: Db, ws: string, from: string, to: string, events: boolean) {
  return Promise.all([
    db<{ contact_id: string; key: string; value: unknown; ts: number }[]>`
      select contact_id, key, value, ts from contact_traits
      where workspace_id = ${ws} and contact_id between ${from} and ${to} order by contact_id, key`,
    db<{ contact_id: string; score: string; value: number; ts: number }[]>`
      select contact_id, score, value, ts from contact_scores
      where workspace_id = ${ws} and contact_id between ${from} and ${to} order by contact_id, score`,
    db<{ contact_id: string; list_id: string }[]>`
      select contact_id, list_id from list_members
      where workspace_id = ${ws} and contact_id between ${from} and ${to} order by contact_id, list_id`,
    events
      ? db<{ contact_id: string; event: string; ts: number; properties: Record<string, unknown> }[]>`
      select contact_id, event, ts, properties from events
      where workspace_id = ${ws} and contact_id between ${from} and ${to} order by contact_id, ts, id`
      : [],
  ]);
}

function assemble(rows: readonly ContactRow[], [traits, scores, lists, events]: Facts): StoredContact[] {
  const byId = new Map<string, StoredContact>();
  for (const r of rows) {
    byId.set(r.id, { id: r.id, createdAt: r.created_at, traits: [], scores: [], lists: [], events: [] });
  }
  // Facts of an id in the range without a contact row (none are written so) are dropped.
  for (const t of traits) byId.get(t.contact_id)?.traits.push({ key: t.key, value: t.value, ts: t.ts });
  for (const s of scores) byId.get(s.contact_id)?.scores.push({ score: s.score, value: s.value, ts: s.ts });
  for (const l of lists) byId.get(l.contact_id)?.lists.push(l.list_id);
  for (const e of events) {
    byId.get(e.contact_id)?.events.push({ event: e.event, timestamp: e.ts, properties: e.properties });
  }
  return [...byId.values()];
}
