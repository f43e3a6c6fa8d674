import type { MembershipRecord } from "../records.ts";
import type { Page } from "../store.ts";
import { type MembershipRow, membershipFromRow } from "./rows.ts";
import type { StatementCache } from "./statement-cache.ts";

const columns = "SELECT segment, contact, since FROM memberships";
const firstMembers = `${columns} WHERE ws = ? AND segment = ? ORDER BY contact LIMIT ?`;
const nextMembers = `${columns} WHERE ws = ? AND segment = ? AND contact > ? ORDER BY contact LIMIT ?`;
// One primary-key probe per segment of the workspace: an index by contact would cost a random
// write per membership change on the ingest path, and segments are few.
const ofContact = `SELECT m.segment, m.contact, m.since FROM segments s CROSS JOIN memberships m
  WHERE s.ws = ? AND m.ws = s.ws AND m.segment = s.id AND m.contact = ? ORDER BY s.id`;
const countMembers = "SELECT count(*) FROM memberships WHERE ws = ? AND segment = ?";
const firstAll = `${columns} WHERE ws = ? ORDER BY segment, contact LIMIT ?`;
const nextAll = `${columns} WHERE ws = ? AND (segment, contact) > (?, ?) ORDER BY segment, contact LIMIT ?`;

/**
 * A keyset page: the cursor is the last contact id returned, so members entering or leaving
 * during a walk never shift the rest. One extra row tells whether a next page exists.
 */
export function readMembers(
  s: StatementCache,
  ws: string,
  segmentId: string,
  limit: number,
  after: string | undefined,
): Page<MembershipRecord> {
  const rows =
    after === undefined
      ? s.get<[string, string, number], MembershipRow>(firstMembers).all(ws, segmentId, limit + 1)
      : s
          .get<[string, string, string, number], MembershipRow>(nextMembers)
          .all(ws, segmentId, after, limit + 1);
  const data = rows.slice(0, limit).map(membershipFromRow);
  const next = rows.length > limit && data.length > 0 ? data[data.length - 1].contactId : null;
  return { data, next };
}

export function readMemberCount(s: StatementCache, ws: string, segmentId: string): number {
  return s.get<[string, string], number>(countMembers).pluck().get(ws, segmentId) ?? 0;
}

export function readContactMemberships(s: StatementCache, ws: string, contactId: string): MembershipRecord[] {
  return s.get<[string, string], MembershipRow>(ofContact).all(ws, contactId).map(membershipFromRow);
}

/** Up to `limit` memberships after `after`, ordered by (segment, contact). */
export function readMembershipChunk(
  s: StatementCache,
  ws: string,
  after: MembershipRecord | undefined,
  limit: number,
): MembershipRecord[] {
  const rows =
    after === undefined
      ? s.get<[string, number], MembershipRow>(firstAll).all(ws, limit)
      : s
          .get<[string, string, string, number], MembershipRow>(nextAll)
          .all(ws, after.segmentId, after.contactId, limit);
  return rows.map(membershipFromRow);
}
