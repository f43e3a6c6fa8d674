import type { StoredContact } from "../records.ts";
import { traitFromColumn } from "./json-codec.ts";
import type { StatementCache } from "./statement-cache.ts";

interface ContactRow {
  id: string;
  created_at: number;
}
interface TraitRow {
  contact: string;
  key: string;
  value: string | null;
  ts: number;
}
interface ScoreRow {
  contact: string;
  score: string;
  value: number;
  ts: number;
}
interface ListMemberRow {
  contact: string;
  list: string;
}
interface EventRow {
  contact: string;
  event: string;
  ts: number;
  properties: string;
}

const oneContact = "SELECT id, created_at FROM contacts WHERE ws = ? AND id = ?";
const firstContacts = "SELECT id, created_at FROM contacts WHERE ws = ? ORDER BY id LIMIT ?";
const nextContacts = "SELECT id, created_at FROM contacts WHERE ws = ? AND id > ? ORDER BY id LIMIT ?";
// Facts of a run of consecutive contacts come from one range scan per table, not a query per contact.
const range = "WHERE ws = ? AND contact >= ? AND contact <= ?";
const traitsIn = `SELECT contact, key, value, ts FROM contact_traits ${range} ORDER BY contact, key`;
const scoresIn = `SELECT contact, score, value, ts FROM contact_scores ${range} ORDER BY contact, score`;
const listsIn = `SELECT contact, list FROM list_members ${range} ORDER BY contact, list`;
const eventsIn = `SELECT contact, event, ts, properties FROM events ${range} ORDER BY contact, ts, id`;

type Range = [string, string, string];

export function readContact(
  s: StatementCache,
  ws: string,
  id: string,
  events = true,
): StoredContact | undefined {
  const row = s.get<[string, string], ContactRow>(oneContact).get(ws, id);
  return row === undefined ? undefined : withFacts(s, ws, [row], events)[0];
}

/** Up to `limit` contacts after `afterId` (from the start when undefined), ordered by id. */
export function readContactChunk(
  s: StatementCache,
  ws: string,
  afterId: string | undefined,
  limit: number,
): StoredContact[] {
  const rows =
    afterId === undefined
      ? s.get<[string, number], ContactRow>(firstContacts).all(ws, limit)
      : s.get<[string, string, number], ContactRow>(nextContacts).all(ws, afterId, limit);
  return withFacts(s, ws, rows);
}

/** `rows` must be consecutive contacts in id order, so that their facts are one id range. */
function withFacts(s: StatementCache, ws: string, rows: ContactRow[], events = true): StoredContact[] {
  if (rows.length === 0) return [];
  const byId = new Map<string, StoredContact>();
  for (const r of rows) {
    byId.set(r.id, { id: r.id, createdAt: r.created_at, traits: [], scores: [], lists: [], events: [] });
  }
  const args: Range = [ws, rows[0].id, rows[rows.length - 1].id];
  for (const t of s.get<Range, TraitRow>(traitsIn).iterate(...args)) {
    byId.get(t.contact)?.traits.push({ key: t.key, value: traitFromColumn(t.value), ts: t.ts });
  }
  for (const c of s.get<Range, ScoreRow>(scoresIn).iterate(...args)) {
    byId.get(c.contact)?.scores.push({ score: c.score, value: c.value, ts: c.ts });
  }
  for (const l of s.get<Range, ListMemberRow>(listsIn).iterate(...args))
    byId.get(l.contact)?.lists.push(l.list);
  if (!events) return [...byId.values()];
  for (const e of s.get<Range, EventRow>(eventsIn).iterate(...args)) {
    const properties = JSON.parse(e.properties) as Record<string, unknown>;
    byId.get(e.contact)?.events.push({ event: e.event, timestamp: e.ts, properties });
  }
  return [...byId.values()];
}
