import { Counter, type Registry } from "prom-client";
import type { FailureReason } from "./post-webhook.ts";

/** Webhook counters, in the registry `/metrics` serves. */
export class WebhookMetrics {
  readonly failures: Counter<"reason">;
  readonly delivered: Counter;

  constructor(registry: Registry) {
    this.failures = new Counter({
      name: "segments_webhook_failures_total",
      help: "Failed webhook delivery attempts by reason (status: a non-2xx answer; gone: 410)",
      labelNames: ["reason"] as const,
      registers: [registry],
    });
    this.delivered = new Counter({
      name: "segments_webhook_deliveries_total",
      help: "Changes delivered to webhooks (answered 2xx)",
      registers: [registry],
    });
  }

  countFailure(reason: FailureReason): void {
    this.failures.inc({ reason });
  }
}
