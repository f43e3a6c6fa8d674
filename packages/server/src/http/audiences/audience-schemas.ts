import { z } from "zod";
import { INGEST_LIMITS } from "../ingest/ingest-limits.ts";
import { Cursor } from "../segments/member-cursor.ts";
import { DEFAULT_PAGE, MAX_PAGE } from "../segments/member-schemas.ts";
import { safeString } from "../validation/safe-text.ts";

const MAX_SEGMENTS = 100;
const SegmentIds = z
  .array(safeString(INGEST_LIMITS.idLength))
  .max(MAX_SEGMENTS, `must name at most ${MAX_SEGMENTS} segments`);

export const ResolveBody = z.strictObject({
  include: SegmentIds.min(1, "must name at least one segment (an empty audience is nobody)").describe(
    "Contacts in any of these segments...",
  ),
  exclude: SegmentIds.optional().describe("...and in none of these"),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE)
    .default(DEFAULT_PAGE)
    .describe(`1 to ${MAX_PAGE} (default ${DEFAULT_PAGE})`),
  cursor: Cursor.optional(),
});

export const Audience = z
  .object({
    data: z
      .array(
        z.object({
          contact_id: z.string(),
          segments: z.array(z.string()).describe("The include segments the contact is in"),
        }),
      )
      .describe("Ordered by contact id, each contact once"),
    next_cursor: z.string().nullable().describe("Pass as `cursor` for the next page; null at the end"),
  })
  .meta({ id: "Audience" });
