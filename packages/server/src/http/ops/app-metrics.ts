import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { PipelineObserver } from "../../pipeline/pipeline-observer.ts";
import type { SegmentsService } from "../../service/segments-service.ts";
import type { Workspace } from "../../service/workspace.ts";

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

  readonly evaluation = new Histogram({
    name: "segments_evaluation_seconds",
    help: "Time a pipeline turn spends applying its messages and due timers to memory and re-evaluating segments",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly commitDuration = new Histogram({
    name: "segments_commit_seconds",
    help: "Time a pipeline turn's transaction takes to become durable",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly timerLateness = new Histogram({
    name: "segments_timer_lateness_seconds",
    help: "How long after its instant a due membership change (a window edge, a relative date) was evaluated",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly timersFired = new Counter({
    name: "segments_timers_fired_total",
    help: "Contacts re-evaluated because a membership change fell due",
    registers: [this.registry],
  });

  /** Reports pipeline work into the histograms above. */
  readonly pipelineObserver: PipelineObserver = {
    turn: (_ws, t) => {
      this.evaluation.observe(t.evaluateSeconds);
      if (t.timers > 0) this.timersFired.inc(t.timers);
    },
    commit: (_ws, seconds) => this.commitDuration.observe(seconds),
    timersLate: (_ws, seconds) => {
      for (const s of seconds) this.timerLateness.observe(s);
    },
  };

  constructor(options: { processMetrics?: boolean; service?: SegmentsService } = {}) {
    if (options.processMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, prefix: "segments_" });
    const service = options.service;
    if (service === undefined) return;
    // Queue depths are read when scraped, summed over the workspaces.
    const sum = (read: (w: Workspace) => number) => service.allWorkspaces().reduce((n, w) => n + read(w), 0);
    new Gauge({
      name: "segments_pipeline_queued_messages",
      help: "Messages waiting for a pipeline turn",
      registers: [this.registry],
      collect() {
        this.set(sum((w) => w.pipeline.queuedMessages));
      },
    });
    new Gauge({
      name: "segments_timers_pending",
      help: "Contacts with a membership change due in the future",
      registers: [this.registry],
      collect() {
        this.set(sum((w) => w.runtime.timers.size));
      },
    });
    new Gauge({
      name: "segments_timers_staged",
      help: "Due timers already evaluated at their instants, waiting to be recorded",
      registers: [this.registry],
      collect() {
        this.set(sum((w) => w.runtime.timers.stagedCount));
      },
    });
    new Gauge({
      name: "segments_contacts",
      help: "Contacts held in memory",
      registers: [this.registry],
      collect() {
        this.set(sum((w) => w.runtime.contacts.size));
      },
    });
  }

  countIngest(outcome: IngestOutcome, n: number): void {
    if (n > 0) this.ingested.inc({ outcome }, n);
  }
}
