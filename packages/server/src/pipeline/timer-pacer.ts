export interface TimerPacing {
  /** Due timers the first turn may take. */
  initial: number;
  min: number;
  max: number;
  /** What a turn that carries timers should take to evaluate and commit, ms. */
  budgetMs: number;
}

/**
 * How many due timers the next pipeline turn takes. A message that arrives during an expiry
 * wave waits for the turn in flight and then its own, so each turn that carries timers should
 * be evaluated and committed within `budgetMs`. A fixed count could not hold that on every
 * store: 1,000 exits took ~20 ms on LevelDB and over 100 ms on PostgreSQL (docs/benchmarks.md).
 * After each such turn the cap moves halfway to the count that would have fit the budget at the
 * speed just measured: down after any slow turn, up only after one that the cap limited (a turn
 * with fewer timers due says nothing about more).
 */
export class TimerPacer {
  #cap: number;

  constructor(private readonly pacing: TimerPacing) {
    this.#cap = clamp(pacing.initial, pacing.min, pacing.max);
  }

  /** Due timers the next turn may take. */
  get cap(): number {
    return this.#cap;
  }

  /** A turn fired `timers` (all it was allowed when `capped`) and took `ms` to evaluate and commit. */
  observe(timers: number, ms: number, capped: boolean): void {
    if (timers <= 0 || !(ms > 0) || !Number.isFinite(ms)) return;
    const fits = (timers * this.pacing.budgetMs) / ms;
    if (fits > this.#cap && !capped) return;
    this.#cap = clamp(Math.round((this.#cap + fits) / 2), this.pacing.min, this.pacing.max);
  }
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
