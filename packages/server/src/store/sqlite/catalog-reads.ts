import type { ListRecord, SegmentRecord, WorkspaceRecord } from "../records.ts";
import {
  type ListRow,
  listFromRow,
  type SegmentRow,
  segmentFromRow,
  type WorkspaceRow,
  workspaceFromRow,
} from "./rows.ts";
import type { StatementCache } from "./statement-cache.ts";

const workspaceColumns = "SELECT id, name, api_key_hash, created_at FROM workspaces";
const segmentColumns =
  "SELECT ws, id, name, description, rule, version, status, created_at, updated_at FROM segments";
// Bounded IN lists (SQLite caps bound parameters), padded to a power of two so that at most ten
// statement shapes are ever prepared.
const MESSAGE_CHUNK = 512;

export function insertWorkspace(s: StatementCache, w: WorkspaceRecord): void {
  s.get<[string, string, string, number]>(
    "INSERT INTO workspaces (id, name, api_key_hash, created_at) VALUES (?, ?, ?, ?)",
  ).run(w.id, w.name, w.apiKeyHash, w.createdAt);
}

export function readWorkspaceByKeyHash(s: StatementCache, hash: string): WorkspaceRecord | undefined {
  const row = s.get<[string], WorkspaceRow>(`${workspaceColumns} WHERE api_key_hash = ?`).get(hash);
  return row === undefined ? undefined : workspaceFromRow(row);
}

export function readWorkspaces(s: StatementCache): WorkspaceRecord[] {
  return s.get<[], WorkspaceRow>(`${workspaceColumns} ORDER BY created_at, id`).all().map(workspaceFromRow);
}

export function readSegments(s: StatementCache, ws: string): SegmentRecord[] {
  const sql = `${segmentColumns} WHERE ws = ? ORDER BY created_at, id`;
  return s.get<[string], SegmentRow>(sql).all(ws).map(segmentFromRow);
}

export function readSegment(s: StatementCache, ws: string, id: string): SegmentRecord | undefined {
  const row = s.get<[string, string], SegmentRow>(`${segmentColumns} WHERE ws = ? AND id = ?`).get(ws, id);
  return row === undefined ? undefined : segmentFromRow(row);
}

export function readLists(s: StatementCache, ws: string): ListRecord[] {
  const sql = "SELECT ws, id, name, created_at FROM lists WHERE ws = ? ORDER BY created_at, id";
  return s.get<[string], ListRow>(sql).all(ws).map(listFromRow);
}

export function readSeenMessageIds(s: StatementCache, ws: string, ids: readonly string[]): Set<string> {
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i += MESSAGE_CHUNK) {
    const chunk = padToPowerOfTwo(ids.slice(i, i + MESSAGE_CHUNK));
    const sql = `SELECT message_id FROM processed_messages WHERE ws = ? AND message_id IN (${chunk.map(() => "?").join(", ")})`;
    for (const id of s
      .get<string[], string>(sql)
      .pluck()
      .all(ws, ...chunk))
      seen.add(id);
  }
  return seen;
}

/** Repeats the first id up to the next power of two: a repeated value in IN changes nothing. */
function padToPowerOfTwo(ids: string[]): string[] {
  let size = 1;
  while (size < ids.length) size *= 2;
  return ids.concat(Array<string>(size - ids.length).fill(ids[0]));
}
