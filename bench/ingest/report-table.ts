import { engineBytesPerContact, type IngestFacts } from "./ingest-result.ts";
import type { LatencyFigures } from "./latency-run.ts";
import type { PhaseWatch } from "./phase-watch.ts";
import type { Distribution } from "./stats.ts";

/** The targets the table is printed against. */
export const TARGETS = {
  eventsPerSec: 50_000,
  p99Ms: 10,
  timerLateP99Ms: 50,
  maxStallMs: 100,
  bytesPerContact: 1024,
} as const;

export const formatRate = (perSec: number): string =>
  perSec >= 1e3 ? `${(perSec / 1e3).toFixed(1)} k/s` : `${perSec.toFixed(perSec < 10 ? 2 : 1)}/s`;

export const formatMs = (ms: number): string =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;

const dist = (d: Distribution) =>
  d.count === 0 ? "no samples" : `p50 ${formatMs(d.p50)}, p99 ${formatMs(d.p99)}, max ${formatMs(d.max)}`;
const met = (ok: boolean) => (ok ? "met" : "NOT MET");

/** One row per measured figure, with its target where the brief sets one, then notes. */
export function reportTable(f: IngestFacts): string {
  const [loadStart, loadEnd] = f.machine.loadAverage;
  const rows: string[][] = [
    ["phase", "figure", "target"],
    [
      `1 load: history, ${f.load.inFlight} × ${f.load.batch} in flight`,
      `${formatRate(f.load.perSec)} (${formatRate(f.load.perCpuSec)} per CPU-s), ${f.load.messages} messages in ${formatMs(f.load.wallMs)}`,
      "",
    ],
    [
      `2 sustained: ${f.sustained.senders} senders × ${f.sustained.batch}, closed loop`,
      `${formatRate(f.sustained.perSec)} (${formatRate(f.sustained.perCpuSec)} per CPU-s); ack ${dist(f.sustained.ack)}`,
      `≥ ${formatRate(TARGETS.eventsPerSec)}: ${met(f.sustained.perSec >= TARGETS.eventsPerSec)}`,
    ],
    ...latencyRows("3", f.latency),
    ...latencyRows("3b", f.latencyLow),
    [
      `4 timers: ${f.wave.exits} exits due within 1 s`,
      `late ${dist(f.wave.late)}; drained in ${formatMs(f.wave.drainMs)}`,
      `p99 ≤ ${TARGETS.timerLateP99Ms} ms: ${met(f.wave.late.p99 <= TARGETS.timerLateP99Ms)}`,
    ],
    [
      "  probe ingesting during the wave",
      `ack wait ${dist(f.wave.stall)}; before the wave ${dist(f.wave.before)}`,
      `no stall > ${TARGETS.maxStallMs} ms: ${met(f.wave.stall.max <= TARGETS.maxStallMs)}`,
    ],
    ["  main thread's GC pauses meanwhile", gcCell(f.wave), ""],
    ["  pipeline turns meanwhile", turnsCell(f.wave), ""],
    peerRow(f),
    [
      "6 state memory",
      `engine ${Math.round(engineBytesPerContact(f.memory))} B/contact (heap growth ${Math.round(f.memory.heapBytesPerContact)} B less the preview dataset's ${Math.round(f.memory.datasetBytesPerContact)} B); stateBytes ${Math.round(f.memory.stateBytesPerContact)} B`,
      `engine ≤ ${TARGETS.bytesPerContact} B: ${met(engineBytesPerContact(f.memory) <= TARGETS.bytesPerContact)}`,
    ],
    [
      "7 restart: SegmentsService.open",
      `rebuilt from the store ${formatMs(f.restart.startMs)} (${Math.round(f.restart.heapBytesPerContact)} B/contact heap); from a snapshot ${formatMs(f.restart.snapshotStartMs)} (${Math.round(f.restart.snapshotHeapBytesPerContact)} B/contact; ${(f.restart.snapshotBytes / 2 ** 20).toFixed(0)} MiB, written by close in ${formatMs(f.restart.snapshotWriteMs)})`,
      "",
    ],
  ];
  return [
    `ingest: ${f.contacts} contacts (${f.load.events} events, ${f.load.messages} messages of history), ${f.segments} segments, store ${f.store} (${f.where}), system clock`,
    "",
    ...alignColumns(rows),
    "",
    ...notes(f),
    `machine: ${f.machine.cores} cores, load average ${loadStart.toFixed(1)} at start, ${loadEnd.toFixed(1)} at end${loadStart >= f.machine.cores ? " (BUSY: figures are noisy)" : ""}`,
  ].join("\n");
}

function latencyRows(label: string, l: LatencyFigures): string[][] {
  const overloaded = l.achieved < 0.95 * l.offered;
  return [
    [
      `${label} message → membership change at ${formatRate(l.offered)}`,
      `${dist(l.change)} (${l.change.count} changes)`,
      label === "3" ? `p99 ≤ ${TARGETS.p99Ms} ms: ${met(l.change.p99 <= TARGETS.p99Ms)}` : "",
    ],
    [
      "  message → acknowledgement",
      `${dist(l.ack)}; acknowledged ${formatRate(l.achieved)}${overloaded ? " (OVERLOADED: latency is queueing)" : ""}`,
      "",
    ],
    ["  main thread's GC pauses meanwhile", gcCell(l), ""],
    ["  pipeline turns meanwhile", turnsCell(l), ""],
  ];
}

/** How long the turns a message waits for took: its own evaluation and commit, and the ones before it. */
function turnsCell({ turns }: Pick<PhaseWatch, "turns">): string {
  return `${turns.turns} turns of ${turns.messagesPerTurn.toFixed(0)} messages: evaluate ${dist(turns.evaluate)}; commit ${dist(turns.commit)}`;
}

/** What the collector held the main thread for during a phase (a message waits through it). */
function gcCell({ gc }: Pick<PhaseWatch, "gc">): string {
  const major =
    gc.major.count === 0
      ? "no mark-compact"
      : `${gc.major.count} mark-compact, longest ${formatMs(gc.major.max)}`;
  return `${gc.minor.count} scavenges (${dist(gc.minor)}), ${major}; ${formatMs(gc.pausedMs)} in all (${(gc.share * 100).toFixed(1)}% of the phase)`;
}

function peerRow(f: IngestFacts): string[] {
  const p = f.peer;
  if (p === undefined) return ["5 pg-matview peer", `not run: ${f.peerSkipped ?? "off"}`, ""];
  return [
    `5 pg-matview: ${p.views} views, ${p.batches} × refresh all`,
    `${formatRate(p.perSec)}; freshness ${dist(p.freshness)}; one refresh of all ${formatMs(p.refreshAllMs)}`,
    "",
  ];
}

function notes(f: IngestFacts): string[] {
  const out = [
    "latency: from the batch's scheduled send to the onCommit of the commit that recorded the change (changes read back from the log);",
    `  ${f.latency.unattributed} changes in that window had no message of the run behind them (timers) and are left out`,
    `timers: lateness = onCommit of the exit's commit − due instant; evaluated (pipeline turn) ${dist(f.wave.evaluatedLate)}; early exits: ${f.wave.early}`,
    `  probe: one batch of 100 outstanding at a time, the next sent on acknowledgement; longest gap between acks ${formatMs(f.wave.maxAckGapMs)}`,
  ];
  if (!f.wave.sentInTime)
    out.push(
      "WARNING: the wave's events were still being sent when the first fell due: the wave overlaps its own load",
    );
  if (f.wave.entered !== f.contacts || f.wave.exits !== f.contacts) {
    out.push(`WARNING: ${f.wave.entered} wave entries and ${f.wave.exits} exits for ${f.contacts} contacts`);
  }
  if (f.store === "postgres")
    out.push("per CPU-s: CPU time of this process only; the PostgreSQL server's is not counted");
  const p = f.peer;
  if (p !== undefined) {
    out.push(
      `pg-matview: agrees with ours on ${p.agreeing} of ${p.views} segments at a pinned now; slowest view ${p.slowestView.id} (${formatMs(p.slowestView.ms)}); load + index ${formatMs(p.loadMs)}`,
    );
    if (p.notExpressed.length > 0)
      out.push(`  not expressed in SQL: ${p.notExpressed.map((n) => `${n.id} (${n.reason})`).join(", ")}`);
    for (const m of p.mismatches.slice(0, 5))
      out.push(`  disagreement: ${m.id} ours ${m.ours}, peer ${m.peer}`);
  }
  return out;
}

function alignColumns(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join("  ")
      .trimEnd();
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)];
}
