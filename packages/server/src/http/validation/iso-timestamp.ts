import { parseIsoDate } from "@growthos/segments-core";
import { z } from "zod";

/** An ISO 8601 date or date-time (UTC when it has no offset), read as epoch milliseconds. */
export const IsoTimestamp = z
  .string()
  .meta({ format: "date-time", examples: ["2026-01-31T12:00:00.000Z"] })
  .transform((s, ctx) => {
    const t = parseIsoDate(s);
    if (t !== undefined) return t;
    ctx.addIssue({
      code: "custom",
      message: "must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z",
      input: s,
    });
    return z.NEVER;
  });
