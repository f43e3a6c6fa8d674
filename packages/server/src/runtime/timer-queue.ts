/**
 * Due instants per contact, in a binary min-heap. One entry per contact (its earliest next
 * change over all segments); rescheduling pushes a new entry and the stale one is skipped when
 * popped, which keeps every operation O(log n) without a position index.
 */
export class TimerQueue {
  private readonly due = new Map<string, number>();
  private heapAt: number[] = [];
  private heapId: string[] = [];

  get size(): number {
    return this.due.size;
  }

  /** Sets (or clears, with null) the contact's next due instant. */
  set(contactId: string, at: number | null): void {
    if (at === null) {
      this.due.delete(contactId);
      return;
    }
    if (this.due.get(contactId) === at) return;
    this.due.set(contactId, at);
    this.push(at, contactId);
  }

  /** The contact's due instant, or undefined. */
  get(contactId: string): number | undefined {
    return this.due.get(contactId);
  }

  /** The earliest live due instant, or null. */
  peek(): number | null {
    this.dropStale();
    return this.heapAt.length === 0 ? null : this.heapAt[0];
  }

  /**
   * Removes and returns up to `limit` contacts due at or before `now`, earliest first; with
   * `lateness`, appends how long after its instant each one is taken (ms).
   */
  popDue(now: number, limit: number, lateness?: number[]): string[] {
    const out: string[] = [];
    while (out.length < limit) {
      this.dropStale();
      if (this.heapAt.length === 0 || this.heapAt[0] > now) break;
      const id = this.heapId[0];
      lateness?.push(now - this.heapAt[0]);
      this.pop();
      this.due.delete(id);
      out.push(id);
    }
    return out;
  }

  private dropStale(): void {
    while (this.heapAt.length > 0 && this.due.get(this.heapId[0]) !== this.heapAt[0]) this.pop();
  }

  private push(at: number, id: string): void {
    const a = this.heapAt;
    const ids = this.heapId;
    let i = a.length;
    a.push(at);
    ids.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= at) break;
      a[i] = a[p];
      ids[i] = ids[p];
      i = p;
    }
    a[i] = at;
    ids[i] = id;
  }

  private pop(): void {
    const a = this.heapAt;
    const ids = this.heapId;
    const lastAt = a.pop() as number;
    const lastId = ids.pop() as string;
    if (a.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const c = l + 1 < a.length && a[l + 1] < a[l] ? l + 1 : l;
      if (a[c] >= lastAt) break;
      a[i] = a[c];
      ids[i] = ids[c];
      i = c;
    }
    a[i] = lastAt;
    ids[i] = lastId;
  }
}
