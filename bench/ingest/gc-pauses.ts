import { constants, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";
import { type Distribution, distribution } from "./stats.ts";

/** The main thread's garbage-collection pauses during one phase, ms. */
export interface GcPauses {
  /** Scavenges (young generation). */
  minor: Distribution;
  /** Mark-compacts (old generation), their final pause. */
  major: Distribution;
  /** Every pause of the phase added up (incremental steps and weak callbacks included). */
  pausedMs: number;
  /** `pausedMs` as a share of the phase's wall-clock time. */
  share: number;
}

/** The kind numbers of the `gc` entries (`detail.kind`). */
const MINOR = constants.NODE_PERFORMANCE_GC_MINOR;
const MAJOR = constants.NODE_PERFORMANCE_GC_MAJOR;

/**
 * Pauses of this thread's heap, from the runtime's `gc` performance entries: what a latency
 * figure pays for while the pipeline waits on the collector (the commit thread's heap is its own).
 * @example const gc = watchGc(); await phase(); const pauses = gc.stop();
 */
export function watchGc(): { stop(): GcPauses } {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  const started = performance.now();
  return {
    stop() {
      entries.push(...observer.takeRecords());
      observer.disconnect();
      return gcPauses(entries, performance.now() - started);
    },
  };
}

/** The figures of a phase's `gc` entries over `wallMs`. */
export function gcPauses(entries: readonly PerformanceEntry[], wallMs: number): GcPauses {
  const minor: number[] = [];
  const major: number[] = [];
  let pausedMs = 0;
  for (const e of entries) {
    const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    pausedMs += e.duration;
    if (kind === MINOR) minor.push(e.duration);
    else if (kind === MAJOR) major.push(e.duration);
  }
  return {
    minor: distribution(minor),
    major: distribution(major),
    pausedMs,
    share: wallMs > 0 ? pausedMs / wallMs : 0,
  };
}
