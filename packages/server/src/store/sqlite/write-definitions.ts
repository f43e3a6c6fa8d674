import { toJson } from "../json.ts";
import type { WriteBatch } from "../write-batch.ts";
import type { StatementCache } from "./statement-cache.ts";

const upsertSegment = `INSERT INTO segments
  (ws, id, name, description, rule, version, status, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (ws, id) DO UPDATE SET name = excluded.name, description = excluded.description,
    rule = excluded.rule, version = excluded.version, status = excluded.status,
    created_at = excluded.created_at, updated_at = excluded.updated_at`;
const upsertList = `INSERT INTO lists (ws, id, name, created_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (ws, id) DO UPDATE SET name = excluded.name, created_at = excluded.created_at`;

type SegmentParams = [string, string, string, string, string, number, string, number, number];

/** Segment and list upserts: the batch carries whole records, which replace the stored ones. */
export function writeDefinitions(s: StatementCache, b: WriteBatch): void {
  const ws = b.workspaceId;
  const segment = s.get<SegmentParams>(upsertSegment);
  for (const g of b.segments) {
    if (g.workspaceId !== ws) throw new Error(`segment ${g.id} belongs to another workspace`);
    const rule = toJson(g.rule, "segment rule");
    segment.run(ws, g.id, g.name, g.description, rule, g.version, g.status, g.createdAt, g.updatedAt);
  }
  const list = s.get<[string, string, string, number]>(upsertList);
  for (const l of b.lists) {
    if (l.workspaceId !== ws) throw new Error(`list ${l.id} belongs to another workspace`);
    list.run(ws, l.id, l.name, l.createdAt);
  }
}
