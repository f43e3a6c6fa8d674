import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A throughput measurement: `evals` evaluations in `ms` milliseconds of CPU time of this process
 * (user + system, GC helper threads included), so that other load on the machine does not count
 * against the evaluator; `wallMs` is kept for comparison.
 */
export interface Rate {
  evals: number;
  ms: number;
  wallMs: number;
  perSec: number;
}

/** Evaluates contacts [from, to) and returns how many are members (so the work is not dead code). */
export type Chunk = (from: number, to: number) => number;
export type AsyncChunk = (from: number, to: number) => Promise<number>;

/**
 * Contacts per timed chunk: enough that reading the CPU clock (a syscall) after each costs < 1%.
 * Promise-based evaluators are far slower per contact, so smaller chunks suffice for them.
 */
const SYNC_CHUNK = 2048;
const ASYNC_CHUNK = 256;

// A full GC before each measurement and each heap reading, without asking for --expose-gc.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/**
 * Memory in use after a full collection: the V8 heap plus the backing stores of typed arrays
 * and ArrayBuffers, which live outside it (the preview dataset's columns, a packed state).
 */
export function settledHeap(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Evaluates the contacts in order, in chunks, wrapping around, until `minMs` of CPU time has been
 * used, after a warm-up of a tenth of that. Fast evaluators go through every contact many times.
 */
export function measureSync(chunk: Chunk, total: number, minMs: number): Rate {
  const cursor = new Cursor(total, SYNC_CHUNK);
  const warm = startClock();
  do keep(chunk(...cursor.advance()));
  while (warm.cpuMs() < minMs / 10);
  gc();
  const clock = startClock();
  let evals = 0;
  do {
    const [from, to] = cursor.advance();
    keep(chunk(from, to));
    evals += to - from;
  } while (clock.cpuMs() < minMs);
  return clock.rate(evals);
}

/** `measureSync` for promise-based evaluators. */
export async function measureAsync(chunk: AsyncChunk, total: number, minMs: number): Promise<Rate> {
  const cursor = new Cursor(total, ASYNC_CHUNK);
  const warm = startClock();
  do keep(await chunk(...cursor.advance()));
  while (warm.cpuMs() < minMs / 10);
  gc();
  const clock = startClock();
  let evals = 0;
  do {
    const [from, to] = cursor.advance();
    keep(await chunk(from, to));
    evals += to - from;
  } while (clock.cpuMs() < minMs);
  return clock.rate(evals);
}

/** Several rates as one: total evaluations over total time (not a mean of the rates). */
export function combine(rates: readonly Rate[]): Rate {
  const evals = rates.reduce((s, r) => s + r.evals, 0);
  const ms = rates.reduce((s, r) => s + r.ms, 0);
  const wallMs = rates.reduce((s, r) => s + r.wallMs, 0);
  return { evals, ms, wallMs, perSec: (evals / ms) * 1000 };
}

class Cursor {
  private at = 0;
  constructor(
    private readonly total: number,
    private readonly size: number,
  ) {}
  advance(): [number, number] {
    const from = this.at;
    const to = Math.min(from + this.size, this.total);
    this.at = to === this.total ? 0 : to;
    return [from, to];
  }
}

function startClock() {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const cpuMs = () => {
    const { user, system } = process.cpuUsage(cpu0);
    return (user + system) / 1000;
  };
  const rate = (evals: number): Rate => {
    const ms = cpuMs();
    return { evals, ms, wallMs: performance.now() - wall0, perSec: (evals / ms) * 1000 };
  };
  return { cpuMs, rate };
}

let blackhole = 0;
function keep(n: number): void {
  blackhole = (blackhole + n) | 0;
}
