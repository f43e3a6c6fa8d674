import { z } from "zod";
import { INGEST_LIMITS } from "../ingest/ingest-limits.ts";
import { safeString } from "../validation/safe-text.ts";

export const ContactParams = z.object({
  id: safeString(INGEST_LIMITS.idLength).describe("The contact's id (userId)"),
});

export const Contact = z
  .object({
    id: z.string(),
    properties: z.record(z.string(), z.unknown()).describe("Current traits (removed ones are absent)"),
    scores: z.record(z.string(), z.number()).describe("Each score's latest value"),
    segments: z
      .array(z.object({ segment_id: z.string(), since: z.iso.datetime() }))
      .describe("The segments the contact is in now, and since when"),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Contact" });
export type Contact = z.infer<typeof Contact>;
