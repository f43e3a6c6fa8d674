import { SegmentsClient } from "../../packages/client/src/index.ts";
import type { Group } from "../../packages/core/src/schema/rule.ts";
import type { BenchOptions, BenchReport } from "../bench-types.ts";
import { apiBenchOptions } from "./api-options.ts";
import { type ProbeSamples, probeDuring } from "./api-probes.ts";
import { apiReportTable, apiResult } from "./api-report.ts";
import { API_BENCH_SEGMENTS } from "./api-segments.ts";
import { type ApiServer, startApiServer } from "./api-server.ts";
import { loadBodies, preloadBodies } from "./api-traffic.ts";
import { runBatchLoad } from "./batch-load.ts";

const PRELOAD_PER_CALL = 5_000;
const LOAD_BODIES = 32;

/**
 * `npm run bench -- api`: the real server in its own process; 10 segments, a preloaded
 * population, member checks and previews timed on the idle server, then 4 senders posting
 * 1,000-message batches for a fixed time while the same probes time what modules see under load.
 */
export async function runApiBench(bench: BenchOptions): Promise<BenchReport> {
  const options = apiBenchOptions(bench);
  const log = bench.log ?? (() => {});
  const server = await startApiServer(options.store);
  try {
    log(`server on ${server.url} (${server.where})`);
    const client = new SegmentsClient({ baseUrl: server.url, apiKey: server.key });
    const segments = await createSegments(client);

    const preloadStart = performance.now();
    const preloaded = await preload(server, options.contacts);
    const preloadPerS = preloaded / ((performance.now() - preloadStart) / 1000);
    log(`preloaded ${options.contacts} contacts (${preloaded} messages) at ${Math.round(preloadPerS)}/s`);

    const target = { client, server, ...segments, contacts: options.contacts };
    const idle = await probeDuring(target, () => new Promise((r) => setTimeout(r, options.idleS * 1000)));
    log(`${options.senders} senders × ${options.messagesPerCall} messages for ${options.durationS} s`);
    const bodies = loadBodies(LOAD_BODIES, options.messagesPerCall, options.contacts);
    const loaded = await probeDuring(target, () =>
      runBatchLoad({ url: server.url, key: server.key, bodies, ...options }),
    );
    const firstFailure = [idle, loaded].flatMap(failures)[0];
    if (firstFailure !== undefined) log(`first failed probe: ${firstFailure}`);

    const result = apiResult({ options, preloadPerS, idle, loaded, load: loaded.value });
    const sizes = await client.segments();
    return { table: apiReportTable(result, { where: server.where, sizes }), result };
  } finally {
    await server.stop();
  }
}

const failures = (p: { member: ProbeSamples; preview: ProbeSamples }) =>
  [p.member.firstFailure, p.preview.firstFailure].filter((f) => f !== undefined);

/** Creates the segments in order (later rules refer to earlier ids). */
async function createSegments(client: SegmentsClient): Promise<{ segmentIds: string[]; rules: Group[] }> {
  const ids = new Map<string, string>();
  const rules: Group[] = [];
  for (const s of API_BENCH_SEGMENTS) {
    const rule = s.rule(ids);
    ids.set(s.name, (await client.createSegment({ name: s.name, rule })).id);
    rules.push(rule);
  }
  return { segmentIds: [...ids.values()], rules };
}

/** Posts the preload's bodies two at a time (one being parsed while the other is applied). */
async function preload(server: ApiServer, contacts: number): Promise<number> {
  let accepted = 0;
  let previous: Promise<void> = Promise.resolve();
  for (const body of preloadBodies(contacts, PRELOAD_PER_CALL, Date.now())) {
    const current = postBatch(server, body).then((n) => {
      accepted += n;
    });
    current.catch(() => {}); // awaited below, once the previous call is done
    await previous;
    previous = current;
  }
  await previous;
  return accepted;
}

async function postBatch(server: ApiServer, body: string): Promise<number> {
  const res = await fetch(`${server.url}/v1/batch`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.key}`, "content-type": "application/json" },
    body,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`the preload batch was refused (${res.status}): ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { accepted: number }).accepted;
}
