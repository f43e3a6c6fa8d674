import type { MembershipRecord } from "../records.ts";
import type { Page } from "../store.ts";
import type { Db } from "./connect.ts";

interface MembershipRow {
  segment_id: string;
  contact_id: string;
  since: number;
}

const toRecord = (r: MembershipRow): MembershipRecord => ({
  segmentId: r.segment_id,
  contactId: r.contact_id,
  since: r.since,
});

/** Keyset pagination on contact id: stable under concurrent writes, no duplicates, no gaps. */
export async function members(
  db: Db,
  ws: string,
  segmentId: string,
  limit: number,
  after?: string,
): Promise<Page<MembershipRecord>> {
  const rows = await db<MembershipRow[]>`
    select segment_id, contact_id, since from memberships
    where workspace_id = ${ws} and segment_id = ${segmentId}
      ${after === undefined ? db`` : db`and contact_id > ${after}`}
    order by contact_id limit ${limit + 1}`;
  // One row past the page tells whether there is a next page, so the last page says null.
  const data = rows.slice(0, limit).map(toRecord);
  const next = rows.length > limit && data.length > 0 ? data[data.length - 1].contactId : null;
  return { data, next };
}

export async function memberCount(db: Db, ws: string, segmentId: string): Promise<number> {
  const [row] = await db<{ n: number }[]>`
    select count(*) as n from memberships where workspace_id = ${ws} and segment_id = ${segmentId}`;
  return row.n;
}

/** One primary-key probe per segment: an index by contact would slow every membership change. */
export async function contactMemberships(db: Db, ws: string, contactId: string): Promise<MembershipRecord[]> {
  const rows = await db<MembershipRow[]>`
    select m.segment_id, m.contact_id, m.since from segments s
    join memberships m on m.workspace_id = s.workspace_id and m.segment_id = s.id and m.contact_id = ${contactId}
    where s.workspace_id = ${ws} order by s.id`;
  return rows.map(toRecord);
}

/** Every current membership ordered by (segment, contact), in keyset chunks. */
export async function* streamMemberships(
  db: Db,
  ws: string,
  chunkSize = 5000,
): AsyncIterable<MembershipRecord[]> {
  let after: MembershipRow | undefined;
  for (;;) {
    const rows = await db<MembershipRow[]>`
      select segment_id, contact_id, since from memberships
      where workspace_id = ${ws}
        ${after === undefined ? db`` : db`and (segment_id, contact_id) > (${after.segment_id}, ${after.contact_id})`}
      order by segment_id, contact_id limit ${chunkSize}`;
    if (rows.length > 0) yield rows.map(toRecord);
    if (rows.length < chunkSize) return;
    after = rows[rows.length - 1];
  }
}
