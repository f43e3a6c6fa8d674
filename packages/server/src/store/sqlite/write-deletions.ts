import type { WriteBatch } from "../write-batch.ts";
import type { StatementCache } from "./statement-cache.ts";

// A contact's change-log rows stay: the log is history, and consumers resume from it by seq.
const contactTables = [
  "contacts",
  "contact_traits",
  "contact_scores",
  "events",
  "list_members",
  "memberships",
];
const contactDeletes = contactTables.map((t) =>
  t === "contacts"
    ? "DELETE FROM contacts WHERE ws = ? AND id = ?"
    : `DELETE FROM ${t} WHERE ws = ? AND contact = ?`,
);
const segmentDeletes = [
  "DELETE FROM segments WHERE ws = ? AND id = ?",
  "DELETE FROM memberships WHERE ws = ? AND segment = ?",
];
const listDeletes = [
  "DELETE FROM lists WHERE ws = ? AND id = ?",
  "DELETE FROM list_members WHERE ws = ? AND list = ?",
];

/** Deletions run last in a batch: whatever else the batch wrote about a deleted thing goes too. */
export function writeDeletions(s: StatementCache, b: WriteBatch): void {
  deleteAll(s, contactDeletes, b.workspaceId, b.deletedContacts);
  deleteAll(s, segmentDeletes, b.workspaceId, b.deletedSegments);
  deleteAll(s, listDeletes, b.workspaceId, b.deletedLists);
}

function deleteAll(s: StatementCache, sqls: string[], ws: string, ids: string[]): void {
  if (ids.length === 0) return;
  const statements = sqls.map((sql) => s.get<[string, string]>(sql));
  for (const id of ids) for (const statement of statements) statement.run(ws, id);
}
