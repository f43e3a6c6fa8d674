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
 *
 * Each contact's instant lives in a slot of one Float64Array, found through a map of slot numbers
 * (small integers): a reschedule is one lookup and a write, where a map of instants took two
 * lookups and a new heap number, promoted with the map it was stored in. A contact just taken
 * keeps its slot (NaN) for the instant its re-evaluation sets next.
 */
export class TimerQueue<P = unknown> {
  private readonly slots = new Map<string, number>();
  private due = new Float64Array(1024);
  private readonly free: number[] = [];
  private used = 0;
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

  /** Sets (or clears, with null) the contact's next due instant. */
  set(contactId: string, at: number | null): void {
    const slot = this.slots.get(contactId);
    if (at === null || Number.isNaN(at)) {
      if (slot === undefined) return;
      if (!Number.isNaN(this.due[slot])) this.live--;
      this.slots.delete(contactId);
      this.free.push(slot);
      return;
    }
    if (slot === undefined) {
      const s = this.newSlot();
      this.slots.set(contactId, s);
      this.due[s] = at;
      this.live++;
    } else {
      const had = this.due[slot];
      if (had === at) return;
      if (Number.isNaN(had)) this.live++;
      this.due[slot] = at;
    }
    this.waiting.push(at, contactId);
  }

  /** The contact's due instant, or undefined. */
  get(contactId: string): number | undefined {
    const slot = this.slots.get(contactId);
    if (slot === undefined) return undefined;
    const at = this.due[slot];
    return Number.isNaN(at) ? undefined : at;
  }

  /** Whether `at` is the contact's current instant (an entry at another one is stale). */
  private isDue(contactId: string, at: number): boolean {
    return this.liveSlot(contactId, at) >= 0;
  }

  /** The contact's slot when `at` is its current instant, else -1. */
  private liveSlot(contactId: string, at: number): number {
    const slot = this.slots.get(contactId);
    return slot !== undefined && this.due[slot] === at ? slot : -1;
  }

  private newSlot(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.due.length) {
      const grown = new Float64Array(this.due.length * 2);
      grown.set(this.due);
      this.due = grown;
    }
    return this.used++;
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
      if (this.isDue(id, at)) this.staged.push(at, id, stage(id, at));
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
      const s = this.liveHeadUpTo(this.staged, now);
      const staged = s < 0 ? Number.POSITIVE_INFINITY : this.staged.headAt;
      const w = this.liveHeadUpTo(this.waiting, Math.min(now, staged));
      if (s < 0 && w < 0) break;
      const fromStaged = w < 0 || staged <= this.waiting.headAt;
      const from = fromStaged ? this.staged : this.waiting;
      const id = from.headId;
      const at = from.headAt;
      const value = from.headValue;
      from.pop();
      this.due[fromStaged ? s : w] = Number.NaN;
      this.live--;
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
    return this.liveHeadUpTo(heap, bound) < 0 ? Number.POSITIVE_INFINITY : heap.headAt;
  }

  /**
   * The slot of the heap's head once it is live and at most `bound`, else -1 (as `earliestUpTo`):
   * the caller that takes the head writes that slot without looking the contact up again.
   */
  private liveHeadUpTo(heap: DueHeap<unknown>, bound: number): number {
    while (heap.length > 0 && heap.headAt <= bound) {
      const slot = this.liveSlot(heap.headId, heap.headAt);
      if (slot >= 0) return slot;
      heap.pop();
    }
    return -1;
  }
}
