import type { WriteBatch } from "../write-batch.ts";
import { type Db, jsonRows, type Write } from "./connect.ts";
import { lastByKey } from "./dedupe.ts";

/** Segment and list upserts: the batch holds whole records, so every field is replaced. */
export function definitionWrites(db: Db, b: WriteBatch): Write[] {
  const out: Write[] = [];
  if (b.segments.length > 0) out.push(upsertSegments(db, b));
  if (b.lists.length > 0) out.push(upsertLists(db, b));
  return out;
}

function upsertSegments(db: Db, b: WriteBatch): Write {
  const rows = jsonRows(
    db,
    lastByKey(b.segments, (s) => s.id),
  );
  return db`
    insert into segments
      (workspace_id, id, name, description, rule, version, status, created_at, updated_at)
    select ${b.workspaceId}, x.id, x.name, x.description, x.rule, x.version, x.status,
      x."createdAt", x."updatedAt"
    from jsonb_to_recordset(${rows}) as x(id text, name text, description text, rule jsonb,
      version integer, status text, "createdAt" bigint, "updatedAt" bigint)
    on conflict (workspace_id, id) do update set
      name = excluded.name, description = excluded.description, rule = excluded.rule,
      version = excluded.version, status = excluded.status,
      created_at = excluded.created_at, updated_at = excluded.updated_at`;
}

function upsertLists(db: Db, b: WriteBatch): Write {
  const rows = jsonRows(
    db,
    lastByKey(b.lists, (l) => l.id),
  );
  return db`
    insert into lists (workspace_id, id, name, created_at)
    select ${b.workspaceId}, x.id, x.name, x."createdAt"
    from jsonb_to_recordset(${rows}) as x(id text, name text, "createdAt" bigint)
    on conflict (workspace_id, id) do update set name = excluded.name, created_at = excluded.created_at`;
}
