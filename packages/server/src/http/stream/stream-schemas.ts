import { z } from "zod";
import { textProblem } from "../validation/safe-text.ts";

const MAX_SEGMENTS = 100;

/** A change seq as clients send it back (`Last-Event-ID`, `?after=`): a decimal integer >= 0. */
export const SeqText = z
  .string()
  .regex(/^\d{1,15}$/, "must be a change seq (a non-negative integer)")
  .transform(Number);

/** `a,b,c` → the ids; an empty list or an empty id is refused, never read as "every segment". */
const SegmentList = z
  .string()
  .transform((s) => s.split(",").map((id) => id.trim()))
  .superRefine((ids, ctx) => {
    if (ids.some((id) => id === "")) ctx.addIssue({ code: "custom", message: "must not have an empty id" });
    if (ids.length > MAX_SEGMENTS)
      ctx.addIssue({ code: "custom", message: `must name at most ${MAX_SEGMENTS} segments` });
    for (const id of ids) {
      const problem = textProblem(id);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    }
  })
  .transform((ids) => [...new Set(ids)]);

export const StreamQuery = z.object({
  segments: SegmentList.optional().describe("Comma-separated segment ids; absent: every segment"),
  after: SeqText.optional().describe("Start after this seq (Last-Event-ID wins when both are given)"),
});

export const StreamHeaders = z.looseObject({
  "last-event-id": SeqText.optional().describe("The last event's id: the stream resumes right after it"),
});

export const STREAM_RESPONSE = {
  description:
    "Server-Sent Events: `segment.entered` / `segment.exited`, `id` = change seq, `data` = " +
    "{seq, segment_id, contact_id, change, at}; comment lines as heartbeats",
  content: { "text/event-stream": { schema: z.string() } },
};
