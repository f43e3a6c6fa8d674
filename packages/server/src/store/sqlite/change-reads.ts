import type { ChangeRecord } from "../records.ts";
import { type ChangeRow, changeFromRow } from "./rows.ts";
import type { StatementCache } from "./statement-cache.ts";

const columns = "SELECT seq, segment, contact, change, at, segment_version FROM changes";
const afterSeq = `${columns} WHERE ws = ? AND seq > ? ORDER BY seq LIMIT ?`;
// Pinned: without statistics the planner prefers walking the whole workspace's log by seq.
const afterSeqOfSegment = `${columns} INDEXED BY changes_by_segment
  WHERE ws = ? AND segment = ? AND seq > ? ORDER BY seq LIMIT ?`;
const lastSeq = "SELECT last_seq FROM workspace_seq WHERE ws = ?";
// Ties on `at` go to the later seq: the log's order is the order things happened in. A scan of
// the segment's changes in the covering index (no index by contact: see schema step 5).
const lastChangeAt = `SELECT change, at FROM changes INDEXED BY changes_by_segment
  WHERE ws = ? AND segment = ? AND contact = ? AND at <= ?
  ORDER BY at DESC, seq DESC LIMIT 1`;

export function readChanges(
  s: StatementCache,
  ws: string,
  after: number,
  limit: number,
  segmentId: string | undefined,
): ChangeRecord[] {
  const rows =
    segmentId === undefined
      ? s.get<[string, number, number], ChangeRow>(afterSeq).all(ws, after, limit)
      : s
          .get<[string, string, number, number], ChangeRow>(afterSeqOfSegment)
          .all(ws, segmentId, after, limit);
  return rows.map(changeFromRow);
}

export function readCommitCount(s: StatementCache, ws: string): number {
  return s.get<[string], number>("SELECT commits FROM workspace_commits WHERE ws = ?").pluck().get(ws) ?? 0;
}

export function readLastSeq(s: StatementCache, ws: string): number {
  return s.get<[string], number>(lastSeq).pluck().get(ws) ?? 0;
}

export function readMembershipAt(
  s: StatementCache,
  ws: string,
  segmentId: string,
  contactId: string,
  at: number,
): { member: boolean; since?: number } {
  const row = s
    .get<[string, string, string, number], { change: string; at: number }>(lastChangeAt)
    .get(ws, segmentId, contactId, at);
  return row?.change === "entered" ? { member: true, since: row.at } : { member: false };
}
