import { cpus, loadavg } from "node:os";
import type { Segment } from "../../packages/client/src/index.ts";
import { distribution, round } from "../ingest/stats.ts";
import type { ApiBenchOptions } from "./api-options.ts";
import { PROBE_RATES, type ProbeSamples } from "./api-probes.ts";
import type { BatchLoadResult } from "./batch-load.ts";

/** The JSON line: `ours` is the ingestion rate; the latencies are what modules saw meanwhile. */
export interface ApiBenchResult {
  bench: "api";
  store: string;
  ours: number;
  unit: "events/s";
  member_check_p50_ms: number;
  member_check_p99_ms: number;
  preview_p50_ms: number;
  preview_p99_ms: number;
  /** The same probes on the idle server, before the load. */
  idle_member_check_p99_ms: number;
  idle_preview_p99_ms: number;
  batch_p50_ms: number;
  batch_p99_ms: number;
  batch_calls: number;
  failed_calls: number;
  member_checks: number;
  previews: number;
  duration_s: number;
  senders: number;
  messages_per_call: number;
  contacts: number;
  preload_per_s: number;
  machine: string;
  load_average: number;
}

type Probed = { member: ProbeSamples; preview: ProbeSamples };

const p = (s: ProbeSamples, pct: 50 | 99, digits: number) => {
  const d = distribution([...s.latencies]);
  return round(pct === 50 ? d.p50 : d.p99, digits);
};

export function apiResult(run: {
  options: ApiBenchOptions;
  preloadPerS: number;
  idle: Probed;
  loaded: Probed;
  load: BatchLoadResult;
}): ApiBenchResult {
  const { options, idle, loaded, load } = run;
  return {
    bench: "api",
    store: options.store,
    ours: round((load.ok * options.messagesPerCall) / (load.wallMs / 1000)),
    unit: "events/s",
    member_check_p50_ms: p(loaded.member, 50, 2),
    member_check_p99_ms: p(loaded.member, 99, 2),
    preview_p50_ms: p(loaded.preview, 50, 1),
    preview_p99_ms: p(loaded.preview, 99, 1),
    idle_member_check_p99_ms: p(idle.member, 99, 2),
    idle_preview_p99_ms: p(idle.preview, 99, 1),
    batch_p50_ms: load.latency.p50,
    batch_p99_ms: load.latency.p99,
    batch_calls: load.ok,
    failed_calls: [idle, loaded].reduce((n, x) => n + x.member.failures + x.preview.failures, load.failed),
    member_checks: loaded.member.latencies.length,
    previews: loaded.preview.latencies.length,
    duration_s: round(load.wallMs / 1000, 1),
    senders: options.senders,
    messages_per_call: options.messagesPerCall,
    contacts: options.contacts,
    preload_per_s: round(run.preloadPerS),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version}`,
    load_average: round(loadavg()[0], 2),
  };
}

const fmt = (n: number) => n.toLocaleString("en");

/** A table for people: the figures, then the segment sizes at the end of the run. */
export function apiReportTable(
  r: ApiBenchResult,
  context: { where: string; sizes: readonly Segment[] },
): string {
  const rows: [string, string][] = [
    ["store", `${r.store} (${context.where})`],
    ["machine", `${r.machine}; load average ${r.load_average} at the end`],
    ["population", `${fmt(r.contacts)} contacts preloaded at ${fmt(r.preload_per_s)} messages/s`],
    [
      `POST /v1/batch, ${r.senders} senders × ${fmt(r.messages_per_call)}`,
      `${fmt(r.ours)} events/s (${fmt(r.batch_calls)} calls in ${r.duration_s} s; p50 ${r.batch_p50_ms} ms, p99 ${r.batch_p99_ms} ms)`,
    ],
    [
      `member check under load (${PROBE_RATES.memberChecksPerS}/s)`,
      `p50 ${r.member_check_p50_ms} ms, p99 ${r.member_check_p99_ms} ms (${fmt(r.member_checks)} calls; idle p99 ${r.idle_member_check_p99_ms} ms)`,
    ],
    [
      `preview under load (${PROBE_RATES.previewsPerS}/s)`,
      `p50 ${r.preview_p50_ms} ms, p99 ${r.preview_p99_ms} ms (${fmt(r.previews)} calls; idle p99 ${r.idle_preview_p99_ms} ms)`,
    ],
    ["failed calls", String(r.failed_calls)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const sizes = context.sizes.map((s) => `  ${s.name}: ${fmt(s.size)}`).join("\n");
  return `${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n")}\nsegment sizes at the end (${context.sizes.length}):\n${sizes}`;
}
