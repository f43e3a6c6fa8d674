import type { Group } from "@growthos/segments-core";
import type {
  ChangeKind,
  ChangeRecord,
  ListRecord,
  MembershipRecord,
  SegmentRecord,
  SegmentStatus,
  WorkspaceRecord,
} from "../records.ts";

/** Row shapes as SQLite returns them, and their mapping to the port's records. */

export interface WorkspaceRow {
  id: string;
  name: string;
  api_key_hash: string;
  created_at: number;
}

export interface SegmentRow {
  ws: string;
  id: string;
  name: string;
  description: string;
  rule: string;
  version: number;
  status: string;
  created_at: number;
  updated_at: number;
}

export interface ListRow {
  ws: string;
  id: string;
  name: string;
  created_at: number;
}

export interface MembershipRow {
  segment: string;
  contact: string;
  since: number;
}

export interface ChangeRow {
  seq: number;
  segment: string;
  contact: string;
  change: string;
  at: number;
  segment_version: number;
}

export function workspaceFromRow(r: WorkspaceRow): WorkspaceRecord {
  return { id: r.id, name: r.name, apiKeyHash: r.api_key_hash, createdAt: r.created_at };
}

export function segmentFromRow(r: SegmentRow): SegmentRecord {
  return {
    workspaceId: r.ws,
    id: r.id,
    name: r.name,
    description: r.description,
    rule: JSON.parse(r.rule) as Group,
    version: r.version,
    status: r.status as SegmentStatus,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listFromRow(r: ListRow): ListRecord {
  return { workspaceId: r.ws, id: r.id, name: r.name, createdAt: r.created_at };
}

export function membershipFromRow(r: MembershipRow): MembershipRecord {
  return { segmentId: r.segment, contactId: r.contact, since: r.since };
}

export function changeFromRow(r: ChangeRow): ChangeRecord {
  return {
    seq: r.seq,
    segmentId: r.segment,
    contactId: r.contact,
    change: r.change as ChangeKind,
    at: r.at,
    segmentVersion: r.segment_version,
  };
}
