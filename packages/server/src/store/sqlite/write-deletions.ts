import type { WriteBatch } from "../write-batch.ts";
import type { StatementCache } from "./statement-cache.ts";

// A contact's change-log rows stay: the log is history, and consumers resume from it by seq.
// Memberships have no index by contact (it would slow every membership change): they are
// probed by primary key once per segment of the workspace.
const contactDeletes: Delete[] = [
  ...["contact_traits", "contact_scores", "events", "list_members"].map(
    (t): Delete => ({ sql: `DELETE FROM ${t} WHERE ws = ? AND contact = ?`, params: (ws, id) => [ws, id] }),
  ),
  { sql: "DELETE FROM contacts WHERE ws = ? AND id = ?", params: (ws, id) => [ws, id] },
  {
    sql: "DELETE FROM memberships WHERE (ws, segment, contact) IN (SELECT ws, id, ? FROM segments WHERE ws = ?)",
    params: (ws, id) => [id, ws],
  },
];
const segmentDeletes = byId([
  "DELETE FROM segments WHERE ws = ? AND id = ?",
  "DELETE FROM memberships WHERE ws = ? AND segment = ?",
]);
const listDeletes = byId([
  "DELETE FROM lists WHERE ws = ? AND id = ?",
  "DELETE FROM list_members WHERE ws = ? AND list = ?",
]);

/** Deletions run last in a batch: whatever else the batch wrote about a deleted thing goes too. */
export function writeDeletions(s: StatementCache, b: WriteBatch): void {
  deleteAll(s, contactDeletes, b.workspaceId, b.deletedContacts);
  deleteAll(s, segmentDeletes, b.workspaceId, b.deletedSegments);
  deleteAll(s, listDeletes, b.workspaceId, b.deletedLists);
}

interface Delete {
  sql: string;
  params: (ws: string, id: string) => [string, string];
}

function byId(sqls: string[]): Delete[] {
  return sqls.map((sql) => ({ sql, params: (ws, id) => [ws, id] }));
}

function deleteAll(s: StatementCache, deletes: Delete[], ws: string, ids: string[]): void {
  if (ids.length === 0) return;
  const statements = deletes.map((d) => ({ run: s.get<[string, string]>(d.sql), params: d.params }));
  for (const id of ids) for (const d of statements) d.run.run(...d.params(ws, id));
}
