import { availableParallelism, cpus, loadavg } from "node:os";
import { Group } from "../../packages/core/src/schema/rule.ts";
import { type Bitset, countSet, estimateSet, evaluateSet } from "../../packages/core/src/set/index.ts";
import { type BenchOptions, type BenchSize, BenchUsageError } from "../bench-types.ts";
import type { ContactGeneratorOptions } from "../data/contact-generator.ts";
import { postgresReachable, postgresUrl } from "../ingest/bench-store.ts";
import { duckdbPeer } from "./duckdb-peer.ts";
import { peerSql } from "./peer-sql.ts";
import { postgresPeer } from "./postgres-peer.ts";
import { generateData, type PeerTables, peerTablesBytes } from "./preview-data.ts";
import { type PreviewReport, previewTable } from "./preview-report.ts";
import { PREVIEW_RULES } from "./preview-rules.ts";
import { ruleEdits } from "./rule-edits.ts";
import type { SqlPeer } from "./sql-peer.ts";
import { sqlitePeer } from "./sqlite-peer.ts";
import { percentile, round, settledMemory, significant, timeMedian } from "./timing.ts";

/** The data set's "now": events lie in the 90 days before it. */
export const PREVIEW_NOW = Date.UTC(2026, 10, 29, 12);
const WORKSPACE = "ws_bench";

const SIZES: Record<BenchSize, { contacts: number; oursRuns: number; peerRuns: number; edits: number }> = {
  small: { contacts: 5_000, oursRuns: 5, peerRuns: 3, edits: 20 },
  full: { contacts: 1_000_000, oursRuns: 9, peerRuns: 5, edits: 50 },
};
const SAMPLE_FRACTION = 0.05;

/**
 * Preview counts over one workspace: our columnar set evaluator against DuckDB, SQLite and
 * PostgreSQL running equivalent SQL over the same generated data in the same run. Every peer's
 * count must equal ours. Also the saved-segment count, live estimates over a sequence of rule
 * edits, load times and memory.
 * @example (await runPreviewBench({ size: "small" })).result.ours // ms, scan-heavy rule
 */
export async function runPreviewBench({
  size,
  log = () => {},
  flags = {},
}: BenchOptions): Promise<PreviewReport> {
  const unknown = Object.keys(flags);
  if (unknown.length > 0)
    throw new BenchUsageError(`preview takes no option ${unknown.map((f) => `--${f}`).join(", ")}`);
  const s = SIZES[size];
  for (const r of PREVIEW_RULES) Group.parse(r.rule);
  const gen: ContactGeneratorOptions = { seed: 20261129, now: PREVIEW_NOW, meanEvents: 20 };

  const loadBefore = loadavg()[0];
  const before = settledMemory();
  log(`generating ${s.contacts} contacts and loading them into our dataset`);
  const { dataset, peers: tables, oursLoadMs } = generateData(s.contacts, gen, WORKSPACE);
  const oursBytes = settledMemory() - before - peerTablesBytes(tables);
  log(`${tables.events} events; our load ${round(oursLoadMs / 1000)} s, ${round(oursBytes / 2 ** 20)} MiB`);

  const ours = {} as PreviewReport["ours"];
  const stored = new Map<string, Bitset>();
  for (const r of PREVIEW_RULES) {
    const t = await timeMedian(s.oursRuns, () => evaluateSet(r.rule, dataset, PREVIEW_NOW));
    stored.set(r.id, t.value);
    ours[r.id] = { ms: t.ms, cpuMs: t.cpuMs, count: t.value.count() };
    log(`ours ${r.id}: ${t.value.count()} members, ${round(t.ms, 2)} ms`);
  }
  const saved = stored.get("scan_heavy") as Bitset;
  const savedCount = await timeMedian(101, () => saved.count());

  log(`estimating ${s.edits} rule edits (sample ${SAMPLE_FRACTION * 100}%)`);
  const estimates = [];
  for (const rule of ruleEdits(s.edits)) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const e = estimateSet(rule, dataset, PREVIEW_NOW, { sampleFraction: SAMPLE_FRACTION });
    const estimateMs = performance.now() - t0;
    const { user, system } = process.cpuUsage(c0);
    const estimateCpuMs = (user + system) / 1000;
    const t1 = performance.now();
    const exact = countSet(rule, dataset, PREVIEW_NOW);
    estimates.push({
      estimateMs,
      estimateCpuMs,
      exactMs: performance.now() - t1,
      covered: Math.abs(e.estimate - exact) <= e.errorBound,
    });
  }

  const peers: PreviewReport["peers"] = [];
  for (const make of await peerMakers(log)) {
    const peer = await make();
    peers.push(await runPeer(peer, tables, s.peerRuns, ours, log));
  }

  const report: Omit<PreviewReport, "table"> = {
    size,
    contacts: dataset.contactCount,
    events: tables.events,
    ours,
    oursLoadMs,
    oursBytes,
    oursBytesEstimate: dataset.byteSize(),
    savedCountMs: savedCount.ms,
    estimate: {
      sampleFraction: SAMPLE_FRACTION,
      edits: estimates.length,
      cpuP95Ms: percentile(
        estimates.map((e) => e.estimateCpuMs),
        95,
      ),
      p95Ms: percentile(
        estimates.map((e) => e.estimateMs),
        95,
      ),
      exactP95Ms: percentile(
        estimates.map((e) => e.exactMs),
        95,
      ),
      covered: estimates.filter((e) => e.covered).length,
    },
    peers,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    machine: {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? "unknown",
      node: process.version,
      loadAverage: [loadBefore, loadavg()[0]],
    },
    result: {
      bench: "preview",
      ours: round(ours.scan_heavy.ms, 2),
      peers: {
        duckdb: peerMs(peers, "duckdb"),
        sqlite: peerMs(peers, "sqlite"),
        postgres: peerMs(peers, "postgres"),
      },
      unit: "ms",
      selective_ms: round(ours.selective.ms, 2),
      // A lookup of a stored count takes well under a microsecond: significant digits, not decimals.
      saved_count_ms: significant(savedCount.ms),
      estimate_p95_ms: round(
        percentile(
          estimates.map((e) => e.estimateMs),
          95,
        ),
        2,
      ),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    },
  };
  return { ...report, table: previewTable(report) };
}

/** DuckDB and SQLite always; PostgreSQL when reachable (required with REQUIRE_SERVICES=1). */
async function peerMakers(log: (line: string) => void): Promise<(() => Promise<SqlPeer>)[]> {
  const makers = [duckdbPeer, sqlitePeer];
  const url = postgresUrl();
  if (await postgresReachable(url)) return [...makers, () => postgresPeer(url)];
  if (process.env.REQUIRE_SERVICES === "1")
    throw new Error(`PostgreSQL is required (REQUIRE_SERVICES=1) but not reachable at ${url}`);
  log(`PostgreSQL not reachable at ${url}: skipping that peer (set REQUIRE_SERVICES=1 to fail instead)`);
  return makers;
}

async function runPeer(
  peer: SqlPeer,
  tables: PeerTables,
  runs: number,
  ours: PreviewReport["ours"],
  log: (line: string) => void,
): Promise<PreviewReport["peers"][number]> {
  try {
    log(`${peer.name}: loading`);
    const t0 = performance.now();
    await peer.load(tables, log);
    const loadMs = performance.now() - t0;
    log(`${peer.name}: loaded in ${round(loadMs / 1000)} s`);
    const rules = {} as PreviewReport["peers"][number]["rules"];
    for (const r of PREVIEW_RULES) {
      const sql = peerSql(r.id, PREVIEW_NOW, peer.indexed);
      const t = await timeMedian(runs, () => peer.count(sql));
      if (t.value !== ours[r.id].count) {
        throw new Error(
          `${peer.name} counts ${t.value} for ${r.id}, ours ${ours[r.id].count}: the SQL or the evaluator is wrong\n${sql}`,
        );
      }
      rules[r.id] = { ms: t.ms, cpuMs: t.cpuMs, count: t.value };
      log(`${peer.name} ${r.id}: ${t.value} members, ${round(t.ms, 1)} ms`);
    }
    return { name: peer.name, loadMs, rules };
  } finally {
    await peer.close();
  }
}

/** A peer's scan-heavy median, or null when it did not run. */
function peerMs(peers: PreviewReport["peers"], name: PreviewReport["peers"][number]["name"]): number | null {
  const p = peers.find((x) => x.name === name);
  return p === undefined ? null : round(p.rules.scan_heavy.ms, 2);
}
