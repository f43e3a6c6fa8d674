import type { WriteBatch } from "../write-batch.ts";
import type { StatementCache } from "./statement-cache.ts";

const upsertMembership = `INSERT INTO memberships (ws, segment, contact, since) VALUES (?, ?, ?, ?)
  ON CONFLICT (ws, segment, contact) DO UPDATE SET since = excluded.since`;
const deleteMembership = "DELETE FROM memberships WHERE ws = ? AND segment = ? AND contact = ?";
const readSeq = "SELECT last_seq FROM workspace_seq WHERE ws = ?";
const writeSeq = `INSERT INTO workspace_seq (ws, last_seq) VALUES (?, ?)
  ON CONFLICT (ws) DO UPDATE SET last_seq = excluded.last_seq`;
const insertChange = `INSERT INTO changes (ws, seq, segment, contact, change, at, segment_version)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;

type ChangeParams = [string, number, string, string, string, number, number];

/** Current memberships: a member row is inserted (or its `since` replaced), a non-member row deleted. */
export function writeMemberships(s: StatementCache, b: WriteBatch): void {
  const upsert = s.get<[string, string, string, number]>(upsertMembership);
  const remove = s.get<[string, string, string]>(deleteMembership);
  for (const m of b.memberships) {
    if (m.member) upsert.run(b.workspaceId, m.segmentId, m.contactId, m.since);
    else remove.run(b.workspaceId, m.segmentId, m.contactId);
  }
}

/**
 * Appends the changes with consecutive seq numbers after the workspace's last one. The writer
 * holds the database's write lock for the whole transaction, so no other commit can interleave.
 */
export function appendChanges(
  s: StatementCache,
  b: WriteBatch,
): { firstSeq: number; lastSeq: number } | null {
  if (b.changes.length === 0) return null;
  const ws = b.workspaceId;
  const last = s.get<[string], number>(readSeq).pluck().get(ws) ?? 0;
  const insert = s.get<ChangeParams>(insertChange);
  let seq = last;
  for (const c of b.changes) {
    seq += 1;
    insert.run(ws, seq, c.segmentId, c.contactId, c.change, c.at, c.segmentVersion);
  }
  s.get<[string, number]>(writeSeq).run(ws, seq);
  return { firstSeq: last + 1, lastSeq: seq };
}
