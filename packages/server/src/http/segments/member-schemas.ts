import { z } from "zod";
import { INGEST_LIMITS } from "../ingest/ingest-limits.ts";
import { IsoTimestamp } from "../validation/iso-timestamp.ts";
import { safeString } from "../validation/safe-text.ts";
import { Cursor } from "./member-cursor.ts";
import { queryInt } from "./query-int.ts";

export const MAX_PAGE = 1000;
export const DEFAULT_PAGE = 100;

export const SegmentContactParams = z.object({
  id: safeString(INGEST_LIMITS.idLength).describe("The segment's id"),
  contactId: safeString(INGEST_LIMITS.idLength).describe("The contact's id"),
});

export const PageQuery = z.object({
  limit: queryInt(1, MAX_PAGE).default(DEFAULT_PAGE).describe(`1 to ${MAX_PAGE} (default ${DEFAULT_PAGE})`),
  cursor: Cursor.optional(),
});

export const Member = z.object({ contact_id: z.string(), since: z.iso.datetime() });

export const MemberPage = z
  .object({
    data: z.array(Member).describe("Ordered by contact id"),
    next_cursor: z.string().nullable().describe("Pass as `cursor` for the next page; null at the end"),
  })
  .meta({ id: "MemberPage" });
export type MemberPage = z.infer<typeof MemberPage>;

export const MemberAtQuery = z.object({
  at: IsoTimestamp.optional().describe("Membership as of this instant (from the change log); default now"),
});

export const MemberCheck = z.object({
  member: z.boolean(),
  since: z.iso.datetime().optional().describe("When the contact entered (members only)"),
});
