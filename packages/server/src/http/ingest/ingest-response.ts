import { z } from "zod";

/** What an ingestion call answers, once its data is durable. */
export const IngestResponse = z
  .object({
    success: z.literal(true),
    accepted: z.number().int().describe("Messages stored (and evaluated)"),
    duplicates: z.number().int().describe("Messages skipped: their messageId was seen before"),
    ignored: z.number().int().describe("Messages accepted but not stored: other types, or no userId"),
  })
  .meta({ id: "IngestResponse" });
export type IngestResponse = z.infer<typeof IngestResponse>;
