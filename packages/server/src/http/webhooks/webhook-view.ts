import type { WebhookRecord } from "../../store/records.ts";
import type { Webhook } from "./webhook-schemas.ts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A stored webhook as the API shows it: everything but its secret. */
export function webhookView(w: WebhookRecord): Webhook {
  const d = w.delivery;
  return {
    id: w.id,
    url: w.url,
    segments: w.segments,
    created_at: new Date(w.createdAt).toISOString(),
    status: d.disabledAt === null ? "active" : "disabled",
    disabled_at: iso(d.disabledAt),
    disabled_reason: d.disabledReason,
    delivered_seq: d.cursor,
    failures: d.failures,
    last_error: d.lastError,
    next_attempt_at: iso(d.nextAttemptAt),
  };
}
