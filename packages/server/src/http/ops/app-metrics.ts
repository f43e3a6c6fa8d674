import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export type IngestOutcome = "accepted" | "duplicate" | "ignored";

/** The app's Prometheus metrics, in a registry of its own (several apps may share a process). */
export class AppMetrics {
  readonly registry = new Registry();
  readonly ingested = new Counter({
    name: "segments_ingest_messages_total",
    help: "Ingested messages by outcome (duplicate: repeated messageId; ignored: unknown type or anonymous)",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: "segments_http_request_duration_seconds",
    help: "HTTP request latency by route pattern, method and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, prefix: "segments_" });
  }

  countIngest(outcome: IngestOutcome, n: number): void {
    if (n > 0) this.ingested.inc({ outcome }, n);
  }
}
