import autocannon from "autocannon";

export interface BatchLoadResult {
  /** 2xx answers: calls whose messages were all taken (and durable). */
  ok: number;
  /** Non-2xx answers and connection errors. */
  failed: number;
  wallMs: number;
  latency: { p50: number; p99: number; max: number };
}

export interface BatchLoadOptions {
  url: string;
  key: string;
  /** Request bodies, posted in turn. */
  bodies: readonly string[];
  senders: number;
  durationS: number;
}

/**
 * `senders` connections each posting to `/v1/batch` as fast as answers come back (one call in
 * flight per connection: a closed loop, as real senders with backpressure behave), for a fixed time.
 */
export async function runBatchLoad(options: BatchLoadOptions): Promise<BatchLoadResult> {
  let next = 0;
  const t0 = performance.now();
  const result = await autocannon({
    url: `${options.url}/v1/batch`,
    method: "POST",
    connections: options.senders,
    pipelining: 1,
    duration: options.durationS,
    timeout: 60,
    headers: { authorization: `Bearer ${options.key}`, "content-type": "application/json" },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: options.bodies[next++ % options.bodies.length] }),
      },
    ],
  });
  return {
    ok: result["2xx"],
    failed: result.non2xx + result.errors,
    wallMs: performance.now() - t0,
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  };
}
