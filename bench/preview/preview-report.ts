import type { BenchSize } from "../bench-types.ts";
import { PREVIEW_RULES, type PreviewRule } from "./preview-rules.ts";
import { round } from "./timing.ts";

/** Per rule: median wall ms, median CPU ms of this process, members. */
type RuleFigures = Record<PreviewRule["id"], { ms: number; cpuMs: number; count: number }>;

export interface PreviewReport {
  size: BenchSize;
  contacts: number;
  events: number;
  ours: RuleFigures;
  oursLoadMs: number;
  /** Measured: heap + array buffers retained by our dataset. */
  oursBytes: number;
  /** The dataset's own accounting (ColumnarDataset.byteSize). */
  oursBytesEstimate: number;
  savedCountMs: number;
  estimate: {
    sampleFraction: number;
    edits: number;
    p95Ms: number;
    cpuP95Ms: number;
    exactP95Ms: number;
    covered: number;
  };
  peers: { name: "duckdb" | "sqlite" | "postgres"; loadMs: number; rules: RuleFigures }[];
  peakRssMb: number;
  /** Load average (1 min) before the load and at the end: the machine may be shared. */
  machine: { cores: number; cpu: string; node: string; loadAverage: number[] };
  table: string;
  result: {
    bench: "preview";
    ours: number;
    peers: Record<"duckdb" | "sqlite" | "postgres", number | null>;
    unit: "ms";
    selective_ms: number;
    saved_count_ms: number;
    estimate_p95_ms: number;
    peak_rss_mb: number;
  };
}

/** The human table: one row per rule (median ms and members), then load times and the rest. */
export function previewTable(r: Omit<PreviewReport, "table">): string {
  const names = ["ours", ...r.peers.map((p) => p.name)];
  const pad = (s: string, n: number) => s.padStart(n);
  const lines = [
    `preview (set evaluation): ${r.contacts} contacts, ${r.events} events, median ms per count (${r.machine.cores} cores, ${r.machine.cpu}, node ${r.machine.node})`,
    `${"rule".padEnd(18)}${pad("members", 10)}${names.map((n) => pad(n, 12)).join("")}${pad("vs duckdb", 11)}${pad("ours cpu", 10)}`,
  ];
  for (const rule of PREVIEW_RULES) {
    const ms = [r.ours[rule.id].ms, ...r.peers.map((p) => p.rules[rule.id].ms)];
    const duck = r.peers.find((p) => p.name === "duckdb")?.rules[rule.id].ms;
    const ratio = duck === undefined ? "" : `${round(duck / r.ours[rule.id].ms)}x`;
    lines.push(
      `${rule.id.padEnd(18)}${pad(String(r.ours[rule.id].count), 10)}${ms.map((m) => pad(round(m, 2).toFixed(2), 12)).join("")}${pad(ratio, 11)}${pad(r.ours[rule.id].cpuMs.toFixed(2), 10)}`,
    );
  }
  lines.push(
    `${"load (s)".padEnd(28)}${[r.oursLoadMs, ...r.peers.map((p) => p.loadMs)].map((m) => pad((m / 1000).toFixed(1), 12)).join("")}`,
    `every peer's count equals ours on every rule`,
    `saved-segment count (bitset popcount): ${r.savedCountMs.toFixed(3)} ms`,
    `live estimate over ${r.estimate.edits} rule edits (sample ${r.estimate.sampleFraction * 100}% of contact blocks): p95 ${round(r.estimate.p95Ms, 2)} ms, CPU p95 ${round(r.estimate.cpuP95Ms, 2)} ms (exact count p95 ${round(r.estimate.exactP95Ms, 2)} ms); exact inside the 95% bound ${r.estimate.covered}/${r.estimate.edits}`,
    `our dataset: ${round(r.oursBytes / 2 ** 20)} MiB measured (${round(r.oursBytes / r.contacts)} B/contact with its events, ${round(r.oursBytes / r.events)} B/event all in), own estimate ${round(r.oursBytesEstimate / 2 ** 20)} MiB`,
    `peak RSS of the whole run (peers in-process included): ${Math.round(r.peakRssMb)} MB`,
    `"ours cpu": median CPU ms of this process for our count (single-threaded: its wall time on an idle core); load average ${r.machine.loadAverage.map((l) => l.toFixed(1)).join(" -> ")} on ${r.machine.cores} cores`,
  );
  return lines.join("\n");
}
