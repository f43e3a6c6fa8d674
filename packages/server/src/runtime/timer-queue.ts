import { DueHeap } from "./due-heap.ts";

/**
 * Due instants per contact. One entry per contact (its earliest next change over all segments);
 * rescheduling pushes a new entry and the stale one is skipped when it comes up, which keeps
 * every operation O(log n) without a position index.
 *
 * Entries due soon can be moved ahead of time (`stageUntil`) to a second heap, each with what
 * the caller worked out for it then (`P`: its evaluation at its instant), so that the work of an
 * expiry wave is done before the wave. `popDue` takes from both heaps, earliest first, and hands
 * each entry its staged value; an entry made stale by a new instant goes with its value.
 */
export class TimerQueue<P = unknown> {
  private readonly due = new Map<string, number>();
  private readonly waiting = new DueHeap<never>();
  private readonly staged = new DueHeap<P>();

  get size(): number {
    return this.due.size;
  }

  /** Entries moved by `stageUntil` and not taken yet (stale ones until they come up). */
  get stagedCount(): number {
    return this.staged.length;
  }

  /** Sets (or clears, with null) the contact's next due instant. */
  set(contactId: string, at: number | null): void {
    if (at === null) {
      this.due.delete(contactId);
      return;
    }
    if (this.due.get(contactId) === at) return;
    this.due.set(contactId, at);
    this.waiting.push(at, contactId);
  }

  /** The contact's due instant, or undefined. */
  get(contactId: string): number | undefined {
    return this.due.get(contactId);
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
   * Stages the entries due at or before `until`, earliest first, each with `stage(contactId,
   * at)`'s value, taking at most `limit` off the heap (stale ones dropped count too, so that a
   * slice stays short however many went stale); returns how many it took.
   */
  stageUntil(until: number, limit: number, stage: (contactId: string, at: number) => P | undefined): number {
    let taken = 0;
    while (taken < limit && this.waiting.length > 0 && this.waiting.headAt <= until) {
      const at = this.waiting.headAt;
      const id = this.waiting.headId;
      this.waiting.pop();
      taken++;
      if (this.due.get(id) === at) this.staged.push(at, id, stage(id, at));
    }
    return taken;
  }

  /**
   * Removes up to `limit` contacts due at or before `now`, earliest first, calling `take` with
   * each one's instant and staged value (undefined when it was not staged); returns how many.
   */
  popDue(
    now: number,
    limit: number,
    take: (contactId: string, at: number, staged: P | undefined) => void,
  ): number {
    let n = 0;
    while (n < limit) {
      const staged = this.earliestUpTo(this.staged, now);
      const waiting = this.earliestUpTo(this.waiting, Math.min(now, staged));
      if (!Number.isFinite(staged) && !Number.isFinite(waiting)) break;
      const from = staged <= waiting ? this.staged : this.waiting;
      const id = from.headId;
      const at = from.headAt;
      const value = from.headValue;
      from.pop();
      this.due.delete(id);
      n++;
      take(id, at, value);
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
    while (heap.length > 0 && heap.headAt <= bound) {
      if (this.due.get(heap.headId) === heap.headAt) return heap.headAt;
      heap.pop();
    }
    return Number.POSITIVE_INFINITY;
  }
}
