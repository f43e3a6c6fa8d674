import type { SegmentsClient } from "../../packages/client/src/index.ts";
import type { Group } from "../../packages/core/src/schema/rule.ts";
import { createRng } from "../data/prng.ts";

/** What one probe saw: each call's latency (ms), and the calls that failed. */
export interface ProbeSamples {
  latencies: number[];
  failures: number;
  firstFailure?: string;
}

/** The probes' fixed rates: light enough not to be a load of their own (a preview reads every contact). */
export const PROBE_RATES = { memberChecksPerS: 50, previewsPerS: 4 } as const;

/**
 * Starts `call` at a fixed rate until `stop` aborts, each call timed on its own (an open loop: a
 * slow answer delays no later call, so queueing in the server shows in the latencies).
 */
async function probe(
  call: (i: number) => Promise<unknown>,
  perSecond: number,
  stop: AbortSignal,
): Promise<ProbeSamples> {
  const samples: ProbeSamples = { latencies: [], failures: 0 };
  const calls: Promise<void>[] = [];
  const timed = async (i: number) => {
    const t0 = performance.now();
    try {
      await call(i);
      samples.latencies.push(performance.now() - t0);
    } catch (error) {
      samples.failures++;
      samples.firstFailure ??= String(error);
    }
  };
  const start = performance.now();
  for (let i = 0; !stop.aborted; i++) {
    calls.push(timed(i));
    const due = start + ((i + 1) * 1000) / perSecond;
    await sleep(due - performance.now(), stop);
  }
  await Promise.all(calls);
  return samples;
}

function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      stop.removeEventListener("abort", done);
      resolve();
    }
    stop.addEventListener("abort", done, { once: true });
  });
}

/** What the probes call: the server, its segments (ids and rules) and how many contacts exist. */
export interface ProbeTarget {
  client: SegmentsClient;
  server: { url: string; key: string };
  segmentIds: readonly string[];
  rules: readonly Group[];
  contacts: number;
}

/** Member checks (`GET /v1/segments/{id}/members/{contactId}`) through the module client. */
function memberChecks(target: ProbeTarget, stop: AbortSignal): Promise<ProbeSamples> {
  const rng = createRng(31);
  const check = () =>
    target.client.isMember(rng.pick(target.segmentIds), `user_${rng.int(0, target.contacts - 1)}`);
  return probe(check, PROBE_RATES.memberChecksPerS, stop);
}

/** Previews (`POST /v1/segments/preview`) of the segments' rules in turn, with a sample of 10. */
function previews(target: ProbeTarget, stop: AbortSignal): Promise<ProbeSamples> {
  const bodies = target.rules.map((rule) => JSON.stringify({ rule, sample: 10 }));
  const preview = async (i: number) => {
    const res = await fetch(`${target.server.url}/v1/segments/preview`, {
      method: "POST",
      headers: { authorization: `Bearer ${target.server.key}`, "content-type": "application/json" },
      body: bodies[i % bodies.length],
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`preview answered ${res.status}: ${text.slice(0, 200)}`);
  };
  return probe(preview, PROBE_RATES.previewsPerS, stop);
}

/** Runs the member-check and preview probes for as long as `work` takes. */
export async function probeDuring<T>(
  target: ProbeTarget,
  work: () => Promise<T>,
): Promise<{ member: ProbeSamples; preview: ProbeSamples; value: T }> {
  const stop = new AbortController();
  const probes = Promise.all([memberChecks(target, stop.signal), previews(target, stop.signal)]);
  let value: T;
  try {
    value = await work();
  } finally {
    stop.abort();
  }
  const [member, preview] = await probes;
  return { member, preview, value };
}
