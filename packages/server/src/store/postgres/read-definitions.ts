import type { Group } from "@growthos/segments-core";
import type { ListRecord, SegmentRecord, SegmentStatus, WorkspaceRecord } from "../records.ts";
import type { Db } from "./connect.ts";

interface WorkspaceRow {
  id: string;
  name: string;
  api_key_hash: string;
  created_at: number;
}

const toWorkspace = (r: WorkspaceRow): WorkspaceRecord => ({
  id: r.id,
  name: r.name,
  apiKeyHash: r.api_key_hash,
  createdAt: r.created_at,
});

export async function createWorkspace(db: Db, w: WorkspaceRecord): Promise<void> {
  await db`
    insert into workspaces (id, name, api_key_hash, created_at)
    values (${w.id}, ${w.name}, ${w.apiKeyHash}, ${w.createdAt})`;
}

export async function workspaceByKeyHash(db: Db, hash: string): Promise<WorkspaceRecord | undefined> {
  const [row] = await db<WorkspaceRow[]>`
    select id, name, api_key_hash, created_at from workspaces where api_key_hash = ${hash}`;
  return row && toWorkspace(row);
}

export async function listWorkspaces(db: Db): Promise<WorkspaceRecord[]> {
  const rows = await db<WorkspaceRow[]>`
    select id, name, api_key_hash, created_at from workspaces order by created_at, id`;
  return rows.map(toWorkspace);
}

interface SegmentRow {
  workspace_id: string;
  id: string;
  name: string;
  description: string;
  rule: Group;
  version: number;
  status: SegmentStatus;
  created_at: number;
  updated_at: number;
}

const toSegment = (r: SegmentRow): SegmentRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  name: r.name,
  description: r.description,
  rule: r.rule,
  version: r.version,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listSegments(db: Db, ws: string, id?: string): Promise<SegmentRecord[]> {
  const rows = await db<SegmentRow[]>`
    select workspace_id, id, name, description, rule, version, status, created_at, updated_at
    from segments
    where workspace_id = ${ws} ${id === undefined ? db`` : db`and id = ${id}`}
    order by created_at, id`;
  return rows.map(toSegment);
}

export async function listLists(db: Db, ws: string): Promise<ListRecord[]> {
  const rows = await db<{ workspace_id: string; id: string; name: string; created_at: number }[]>`
    select workspace_id, id, name, created_at from lists where workspace_id = ${ws} order by created_at, id`;
  return rows.map((r) => ({ workspaceId: r.workspace_id, id: r.id, name: r.name, createdAt: r.created_at }));
}

export async function seenMessageIds(db: Db, ws: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db<{ message_id: string }[]>`
    select message_id from processed_messages where workspace_id = ${ws} and message_id = any(${ids})`;
  return new Set(rows.map((r) => r.message_id));
}

export async function contactCount(db: Db, ws: string): Promise<number> {
  const [row] = await db<{ n: number }[]>`select count(*) as n from contacts where workspace_id = ${ws}`;
  return row.n;
}
