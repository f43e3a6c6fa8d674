import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { ChangeRecord, WebhookRecord } from "../store/records.ts";
import type { WebhookPayload } from "./webhook-payload.ts";

/** One request of a delivery: the same id and body on every attempt, signed anew each time. */
export interface WebhookMessage {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const USER_AGENT = "GrowthOS-Segments-Webhooks/1";

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** Stable per webhook and change, so a receiver can drop a retried delivery it already has. */
export function webhookMessageId(webhookId: string, seq: number): string {
  return `${webhookId}_${seq}`;
}

/** The body API.md fixes; it depends on the change alone, so a retry sends the same bytes. */
export function webhookBody(c: ChangeRecord): string {
  const at = new Date(c.at).toISOString();
  const payload: WebhookPayload = {
    type: `segment.${c.change}`,
    timestamp: at,
    data: {
      seq: c.seq,
      segment_id: c.segmentId,
      contact_id: c.contactId,
      at,
      segment_version: c.segmentVersion,
    },
  };
  return JSON.stringify(payload);
}

/** The request for one attempt at `now`: Standard Webhooks headers over the change's body. */
export function webhookMessage(webhook: WebhookRecord, change: ChangeRecord, now: number): WebhookMessage {
  const id = webhookMessageId(webhook.id, change.seq);
  const body = webhookBody(change);
  return {
    url: webhook.url,
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now / 1000)),
      "webhook-signature": new Webhook(webhook.secret).sign(id, new Date(now), body),
    },
  };
}
