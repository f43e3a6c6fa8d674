import { z } from "zod";

const iso = z.iso.datetime();

/** The change a delivery reports: the change log's record (API.md), without its kind. */
export const WebhookChange = z
  .object({
    seq: z.number().int().describe("The change's seq: increasing per workspace, stable across retries"),
    segment_id: z.string(),
    contact_id: z.string(),
    at: iso.describe("When the contact entered or left the segment"),
    segment_version: z.number().int().describe("The segment's version that made the change"),
  })
  .meta({ id: "WebhookChange" });

/** The body of every delivery (API.md): what `webhookBody` sends and `/openapi.json` documents. */
export const WebhookPayload = z.object({
  type: z.enum(["segment.entered", "segment.exited"]),
  timestamp: iso.describe("The change's time, as `data.at`"),
  data: WebhookChange,
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

/** One schema per event type, for the OpenAPI `webhooks` section. */
export const SegmentEnteredPayload = WebhookPayload.extend({ type: z.literal("segment.entered") }).meta({
  id: "SegmentEnteredWebhook",
  description: "A contact entered a segment",
});
export const SegmentExitedPayload = WebhookPayload.extend({ type: z.literal("segment.exited") }).meta({
  id: "SegmentExitedWebhook",
  description: "A contact left a segment",
});
