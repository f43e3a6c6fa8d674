import { z } from "zod";
import { IsoTimestamp } from "../validation/iso-timestamp.ts";
import { DEFAULT_PAGE, MAX_PAGE } from "./member-schemas.ts";
import { queryInt } from "./query-int.ts";
import { INTERVALS } from "./segment-history.ts";

export const ChangesQuery = z.object({
  after: queryInt(0, Number.MAX_SAFE_INTEGER).default(0).describe("A seq: changes after it (exclusive)"),
  limit: queryInt(1, MAX_PAGE).default(DEFAULT_PAGE).describe(`1 to ${MAX_PAGE} (default ${DEFAULT_PAGE})`),
});

export const Change = z
  .object({
    seq: z.number().int(),
    segment_id: z.string(),
    contact_id: z.string(),
    change: z.enum(["entered", "exited"]),
    at: z.iso.datetime(),
    segment_version: z.number().int().describe("The segment's version that made the change"),
  })
  .meta({ id: "Change" });

export const ChangePage = z
  .object({
    data: z.array(Change).describe("Ascending by seq"),
    next_cursor: z
      .number()
      .int()
      .nullable()
      .describe("Pass as `after` for the next page; null when this page reached the end of the log"),
  })
  .meta({ id: "ChangePage" });
export type ChangePage = z.infer<typeof ChangePage>;

export const HistoryQuery = z.object({
  from: IsoTimestamp.optional().describe("Default: 30 intervals before `to`"),
  to: IsoTimestamp.optional().describe("Default: now"),
  interval: z.enum(Object.keys(INTERVALS) as [keyof typeof INTERVALS]).default("day"),
});

export const History = z
  .object({
    data: z.array(
      z.object({
        at: z.iso.datetime().describe("Start of the interval (UTC)"),
        size: z.number().int().describe("Members at the end of the interval (at `to` for the last)"),
        entered: z.number().int(),
        exited: z.number().int(),
      }),
    ),
  })
  .meta({ id: "SegmentHistory" });
