import { toJson } from "../json.ts";
import type { WriteBatch } from "../write-batch.ts";
import { traitToColumn } from "./json-codec.ts";
import type { StatementCache } from "./statement-cache.ts";

const insertMessage = `INSERT INTO processed_messages (ws, message_id) VALUES (?, ?)
  ON CONFLICT (ws, message_id) DO NOTHING`;
// ON CONFLICT DO NOTHING rather than INSERT OR IGNORE: the latter would also swallow NOT NULL errors.
const insertContact = `INSERT INTO contacts (ws, id, created_at) VALUES (?, ?, ?)
  ON CONFLICT (ws, id) DO NOTHING`;
// Last writer wins in SQL; on a tie the later write in the batch (or a later batch) wins.
const upsertTrait = `INSERT INTO contact_traits (ws, contact, key, value, ts) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (ws, contact, key) DO UPDATE SET value = excluded.value, ts = excluded.ts
  WHERE excluded.ts >= contact_traits.ts`;
const upsertScore = `INSERT INTO contact_scores (ws, contact, score, value, ts) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (ws, contact, score) DO UPDATE SET value = excluded.value, ts = excluded.ts
  WHERE excluded.ts >= contact_scores.ts`;
const insertEvent = "INSERT INTO events (ws, contact, event, ts, properties) VALUES (?, ?, ?, ?, ?)";
const addListMember = `INSERT INTO list_members (ws, contact, list) VALUES (?, ?, ?)
  ON CONFLICT (ws, contact, list) DO NOTHING`;
const removeListMember = "DELETE FROM list_members WHERE ws = ? AND contact = ? AND list = ?";

/** Message ids, contacts, traits, scores, events and list edits of a batch, in that order. */
export function writeFacts(s: StatementCache, b: WriteBatch): void {
  const ws = b.workspaceId;
  const message = s.get<[string, string]>(insertMessage);
  for (const id of b.messageIds) message.run(ws, id);
  const contact = s.get<[string, string, number]>(insertContact);
  for (const c of b.contacts) contact.run(ws, c.id, c.createdAt);
  const trait = s.get<[string, string, string, string | null, number]>(upsertTrait);
  for (const t of b.traits) trait.run(ws, t.contactId, t.key, traitToColumn(t.value), t.ts);
  const score = s.get<[string, string, string, number, number]>(upsertScore);
  for (const c of b.scores) score.run(ws, c.contactId, c.score, c.value, c.ts);
  const event = s.get<[string, string, string, number, string]>(insertEvent);
  for (const e of b.events) {
    event.run(ws, e.contactId, e.event, e.timestamp, toJson(e.properties, "event properties"));
  }
  const add = s.get<[string, string, string]>(addListMember);
  const remove = s.get<[string, string, string]>(removeListMember);
  for (const m of b.listMembers) (m.member ? add : remove).run(ws, m.contactId, m.listId);
}
