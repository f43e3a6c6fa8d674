import { Group } from "@growthos/segments-core";
import { z } from "zod";
import { INGEST_LIMITS } from "../ingest/ingest-limits.ts";
import { safeString } from "../validation/safe-text.ts";

/** The rule language (RULES.md) as OpenAPI shows it; requests are checked by `validateRule`. */
export const Rule = Group.meta({ id: "Rule", description: "A rule tree: a group of conditions" });

export const SegmentParams = z.object({
  id: safeString(INGEST_LIMITS.idLength).describe("The segment's id"),
});

export const Segment = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    rule: Rule,
    size: z.number().int().describe("Members now"),
    status: z.enum(["computing", "live", "paused"]),
    progress: z
      .object({
        read: z.number().int().describe("Contacts read so far"),
        total: z.number().int().describe("Contacts when the computation started"),
      })
      .optional()
      .describe("While `computing`: how far the first membership has got"),
    version: z.number().int().describe("Bumped on every rule change"),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Segment" });
export type Segment = z.infer<typeof Segment>;

export const SegmentList = z.object({ data: z.array(Segment) });
