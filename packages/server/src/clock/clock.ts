/** Time as the service sees it: a port, so that tests drive it and never sleep. */
export interface Clock {
  now(): number;
  /** Calls `fn` once at (or as soon as possible after) `at`; returns a cancel function. */
  schedule(at: number, fn: () => void): () => void;
}

/** Wall-clock time with timers. Long waits are chained because setTimeout caps at ~24.8 days. */
export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(at, fn) {
    let handle: NodeJS.Timeout;
    let cancelled = false;
    const arm = () => {
      const wait = Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1);
      handle = setTimeout(() => {
        if (cancelled) return;
        if (Date.now() < at) arm();
        else fn();
      }, wait);
    };
    arm();
    return () => {
      cancelled = true;
      clearTimeout(handle);
    };
  },
};
