import { DueHeap } from "./due-heap.ts";

/**
 * Due instants per contact, each contact known by its row: a small integer the caller gives it
 * (the runtime uses the contact's row in the columnar dataset), so that no map by id is kept or
 * looked up here. One entry per contact (its earliest next change over all segments);
 * rescheduling pushes a new entry and the stale one is skipped when it comes up, which keeps
 * every operation O(log n) without a position index.
 *
 * Entries due soon can be moved ahead of time (`stageUntil`) to a second heap, each with what
 * the caller worked out for it then (`P`: its evaluation at its instant), so that the work of an
 * expiry wave is done before the wave. `popDue` takes from both heaps, earliest first, and hands
 * each entry its staged value; an entry made stale by a new instant goes with its value.
 *
 * Each row's instant lives at that index of one Float64Array (NaN: none): a reschedule is a
 * read and a write, where a map of slot numbers by id cost a lookup per message and ~40 bytes
 * per contact, and the heaps held each id string (a pointer per entry for the collector).
 */
export class TimerQueue<P = unknown> {
  private due = new Float64Array(1024).fill(Number.NaN);
  private live = 0;
  private readonly waiting = new DueHeap<never>();
  private readonly staged = new DueHeap<P>();

  get size(): number {
    return this.live;
  }

  /** Entries moved by `stageUntil` and not taken yet (stale ones until they come up). */
  get stagedCount(): number {
    return this.staged.length;
  }

  /** Sets (or clears, with null) the row's next due instant. */
  set(row: number, at: number | null): void {
    if (at === null || Number.isNaN(at)) {
      if (row < this.due.length && !Number.isNaN(this.due[row])) {
        this.due[row] = Number.NaN;
        this.live--;
      }
      return;
    }
    // One check for both: not a natural number (refused by `grow`), or past the array.
    if (row >>> 0 !== row || row >= this.due.length) this.grow(row);
    const had = this.due[row];
    if (had === at) return;
    if (Number.isNaN(had)) this.live++;
    this.due[row] = at;
    this.waiting.push(at, row);
  }

  /** The row's due instant, or undefined. */
  get(row: number): number | undefined {
    const at = row < this.due.length ? this.due[row] : Number.NaN;
    return Number.isNaN(at) ? undefined : at;
  }

  /** Whether `at` is the row's current instant (an entry at another one is stale). */
  private isDue(row: number, at: number): boolean {
    return row < this.due.length && this.due[row] === at;
  }

  private grow(row: number): void {
    if (row >>> 0 !== row) throw new RangeError(`a timer row must be a natural number, not ${row}`);
    const grown = new Float64Array(Math.max(this.due.length * 2, row + 1)).fill(Number.NaN);
    grown.set(this.due);
    this.due = grown;
  }

  /** The earliest live due instant, or null. */
  peek(): number | null {
    const staged = this.earliestUpTo(this.staged, Number.POSITIVE_INFINITY);
    // Stale entries after the staged head are left for later: dropping them is work spread over time.
    const at = Math.min(staged, this.earliestUpTo(this.waiting, staged));
    return Number.isFinite(at) ? at : null;
  }

  /**
   * About when the earliest entry not staged yet falls due, or null: never later than it, but
   * possibly the instant of a stale entry (staging then finds nothing and looks again).
   */
  peekUnstaged(): number | null {
    return this.waiting.length === 0 ? null : this.waiting.headAt;
  }

  /**
   * Stages the entries due at or before `until`, earliest first, each with `stage(row,
   * at)`'s value, taking at most `limit` off the heap (stale ones dropped count too, so that a
   * slice stays short however many went stale); returns how many it took.
   */
  stageUntil(until: number, limit: number, stage: (row: number, at: number) => P | undefined): number {
    let taken = 0;
    while (taken < limit && this.waiting.length > 0 && this.waiting.headAt <= until) {
      const at = this.waiting.headAt;
      const row = this.waiting.headRow;
      this.waiting.pop();
      taken++;
      if (this.isDue(row, at)) this.staged.push(at, row, stage(row, at));
    }
    return taken;
  }

  /**
   * Removes up to `limit` contacts due at or before `now`, earliest first, calling `take` with
   * each one's instant and staged value (undefined when it was not staged); returns how many.
   */
  popDue(now: number, limit: number, take: (row: number, at: number, staged: P | undefined) => void): number {
    let n = 0;
    while (n < limit) {
      const s = this.liveHeadUpTo(this.staged, now);
      const staged = s ? this.staged.headAt : Number.POSITIVE_INFINITY;
      const w = this.liveHeadUpTo(this.waiting, Math.min(now, staged));
      if (!s && !w) break;
      const from = !w || staged <= this.waiting.headAt ? this.staged : this.waiting;
      const row = from.headRow;
      const at = from.headAt;
      const value = from.headValue;
      from.pop();
      this.due[row] = Number.NaN;
      this.live--;
      n++;
      take(row, at, value);
    }
    return n;
  }

  /** Forgets every staged value (the entries stay due, as if never staged). */
  unstageAll(): void {
    this.staged.clearValues();
  }

  /**
   * The heap's earliest live instant if it is at most `bound`, else +Infinity; stale entries up
   * to `bound` are dropped on the way (and only those).
   */
  private earliestUpTo(heap: DueHeap<unknown>, bound: number): number {
    return this.liveHeadUpTo(heap, bound) ? heap.headAt : Number.POSITIVE_INFINITY;
  }

  /**
   * Whether the heap's head is live and at most `bound` (as `earliestUpTo`); stale entries up to
   * `bound` are dropped on the way.
   */
  private liveHeadUpTo(heap: DueHeap<unknown>, bound: number): boolean {
    while (heap.length > 0 && heap.headAt <= bound) {
      if (this.isDue(heap.headRow, heap.headAt)) return true;
      heap.pop();
    }
    return false;
  }
}
