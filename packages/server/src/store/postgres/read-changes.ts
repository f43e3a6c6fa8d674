import type { ChangeKind, ChangeRecord } from "../records.ts";
import type { Db } from "./connect.ts";

interface ChangeRow {
  seq: number;
  segment_id: string;
  contact_id: string;
  change: ChangeKind;
  at: number;
  segment_version: number;
}

export async function changes(
  db: Db,
  ws: string,
  afterSeq: number,
  limit: number,
  segmentId?: string,
): Promise<ChangeRecord[]> {
  const rows = await db<ChangeRow[]>`
    select seq, segment_id, contact_id, change, at, segment_version from changes
    where workspace_id = ${ws} and seq > ${afterSeq}
      ${segmentId === undefined ? db`` : db`and segment_id = ${segmentId}`}
    order by seq limit ${limit}`;
  return rows.map((r) => ({
    seq: r.seq,
    segmentId: r.segment_id,
    contactId: r.contact_id,
    change: r.change,
    at: r.at,
    segmentVersion: r.segment_version,
  }));
}

export async function commitCount(db: Db, ws: string): Promise<number> {
  const [row] = await db<{ commits: number }[]>`
    select commits from workspace_commits where workspace_id = ${ws}`;
  return row?.commits ?? 0;
}

export async function lastSeq(db: Db, ws: string): Promise<number> {
  const [row] = await db<{ last_seq: number }[]>`
    select last_seq from workspace_seq where workspace_id = ${ws}`;
  return row?.last_seq ?? 0;
}

/** The last change at or before `at` decides; ties in `at` go to the later seq. */
export async function membershipAt(
  db: Db,
  ws: string,
  segmentId: string,
  contactId: string,
  at: number,
): Promise<{ member: boolean; since?: number }> {
  const [row] = await db<{ change: ChangeKind; at: number }[]>`
    select change, at from changes
    where workspace_id = ${ws} and segment_id = ${segmentId} and contact_id = ${contactId} and at <= ${at}
    order by at desc, seq desc limit 1`;
  return row?.change === "entered" ? { member: true, since: row.at } : { member: false };
}
