import { z } from "zod";
import { AnyMessage } from "./any-message.ts";
import { INGEST_LIMITS } from "./ingest-limits.ts";

/** `POST /v1/batch`, as analytics SDKs send it: `{ batch, sentAt }` (writeKey, context: ignored). */
export const BatchBody = z.object({
  batch: z
    .array(AnyMessage)
    .max(INGEST_LIMITS.batchMessages, `must hold at most ${INGEST_LIMITS.batchMessages} messages`)
    .describe("Processed in order; one invalid message rejects the whole batch"),
  sentAt: z.string().optional(),
});
