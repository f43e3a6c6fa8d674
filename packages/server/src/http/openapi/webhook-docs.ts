import { z } from "zod";
import { SegmentEnteredPayload, SegmentExitedPayload } from "../../deliveries/webhook-payload.ts";

/** A `$ref` to a schema that the zod registry puts into `components.schemas` under its `id`. */
function ref(schema: z.ZodType): { $ref: string } {
  const id = z.globalRegistry.get(schema)?.id;
  if (id === undefined) throw new Error("a documented webhook payload needs .meta({ id })");
  return { $ref: `#/components/schemas/${id}` };
}

const header = (name: string, description: string) => ({
  in: "header" as const,
  name,
  required: true,
  description,
  schema: { type: "string" as const },
});

const SIGNED = [
  header("webhook-id", "Unique per webhook and change; the same on every retry (dedupe on it)"),
  header("webhook-timestamp", "Seconds since the epoch when this attempt was signed"),
  header(
    "webhook-signature",
    "`v1,<base64 HMAC-SHA256>` of `<id>.<timestamp>.<body>` with the webhook's secret (Standard Webhooks)",
  ),
];

function delivery(summary: string, payload: z.ZodType) {
  return {
    post: {
      tags: ["webhooks"],
      summary,
      description:
        "POSTed to each webhook whose segments include the change's, signed per Standard Webhooks. " +
        "A 2xx answer acknowledges it; any other answer or a timeout is retried with backoff, " +
        "with the same webhook-id and body; repeated 410 Gone answers disable the webhook.",
      parameters: SIGNED,
      requestBody: { required: true, content: { "application/json": { schema: ref(payload) } } },
      responses: { "2XX": { description: "Received" } },
    },
  };
}

/** The OpenAPI 3.1 `webhooks` section: what this service POSTs to registered webhooks. */
export const WEBHOOKS = {
  "segment.entered": delivery("A contact entered a segment", SegmentEnteredPayload),
  "segment.exited": delivery("A contact left a segment", SegmentExitedPayload),
};
