import { z } from "zod";
import { INGEST_LIMITS } from "../ingest/ingest-limits.ts";
import { safeString } from "../validation/safe-text.ts";

export const MAX_URL_LENGTH = 2048;
const MAX_SEGMENTS = 100;

export const CreateWebhookBody = z
  .strictObject({
    url: z
      .string()
      .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
      .describe("Where deliveries are POSTed: an http or https URL without credentials"),
    segments: z
      .array(safeString(INGEST_LIMITS.idLength))
      .min(1, "must name at least one segment (leave it out for every segment)")
      .max(MAX_SEGMENTS, `must name at most ${MAX_SEGMENTS} segments`)
      .optional()
      .describe("Only these segments' changes; absent: every segment"),
  })
  .meta({ id: "CreateWebhook" });

export const WebhookParams = z.object({ id: safeString(200).describe("The webhook's id") });

const iso = z.iso.datetime();

export const Webhook = z
  .object({
    id: z.string(),
    url: z.string(),
    segments: z.array(z.string()).nullable().describe("null: every segment"),
    created_at: iso,
    status: z.enum(["active", "disabled"]),
    disabled_at: iso.nullable(),
    disabled_reason: z.string().nullable(),
    delivered_seq: z.number().int().describe("Every change up to this seq was delivered (or not for it)"),
    failures: z.number().int().describe("Failed attempts in a row at the next change"),
    last_error: z.string().nullable(),
    next_attempt_at: iso.nullable().describe("When the failing change is tried again"),
  })
  .meta({ id: "Webhook" });
export type Webhook = z.infer<typeof Webhook>;

export const CreatedWebhook = z
  .object({
    id: z.string(),
    secret: z.string().describe("The Standard Webhooks signing secret (whsec_…); shown only in this answer"),
    url: z.string(),
    segments: z.array(z.string()).nullable(),
    created_at: iso,
  })
  .meta({ id: "CreatedWebhook" });

export const WebhookList = z.object({ data: z.array(Webhook) });
