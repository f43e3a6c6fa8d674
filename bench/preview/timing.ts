import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Heap plus array buffers (where typed arrays live) after a full collection, bytes. */
export function settledMemory(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >>> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * Runs `fn` once to warm up, then `runs` times: the median wall time (ms), the median CPU time
 * of this process (ms; for single-threaded work, what the wall time would be on an idle core)
 * and the last result.
 */
export async function timeMedian<T>(
  runs: number,
  fn: () => T | Promise<T>,
): Promise<{ ms: number; cpuMs: number; value: T }> {
  let value = await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    value = await fn();
    wall.push(performance.now() - t0);
    const { user, system } = process.cpuUsage(c0);
    cpu.push((user + system) / 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu), value };
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** `n` to `digits` significant digits: a sub-microsecond timing stays above zero. */
export const significant = (n: number, digits = 3): number => Number(n.toPrecision(digits));
