/**
 * A binary min-heap of (instant, contact id, value) in parallel arrays: no object per entry, so
 * a queue of a million timers stays a few flat arrays.
 */
export class DueHeap<V> {
  private at: number[] = [];
  private id: string[] = [];
  private value: (V | undefined)[] = [];

  get length(): number {
    return this.at.length;
  }

  /** The earliest entry's instant (+Infinity when empty). */
  get headAt(): number {
    return this.at.length === 0 ? Number.POSITIVE_INFINITY : this.at[0];
  }

  get headId(): string {
    return this.id[0];
  }

  get headValue(): V | undefined {
    return this.value[0];
  }

  push(at: number, id: string, value?: V): void {
    const a = this.at;
    const ids = this.id;
    const vs = this.value;
    let i = a.length;
    a.push(at);
    ids.push(id);
    vs.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= at) break;
      a[i] = a[p];
      ids[i] = ids[p];
      vs[i] = vs[p];
      i = p;
    }
    a[i] = at;
    ids[i] = id;
    vs[i] = value;
  }

  /** Removes the earliest entry. */
  pop(): void {
    const a = this.at;
    const ids = this.id;
    const vs = this.value;
    const lastAt = a.pop() as number;
    const lastId = ids.pop() as string;
    const lastValue = vs.pop();
    if (a.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const c = l + 1 < a.length && a[l + 1] < a[l] ? l + 1 : l;
      if (a[c] >= lastAt) break;
      a[i] = a[c];
      ids[i] = ids[c];
      vs[i] = vs[c];
      i = c;
    }
    a[i] = lastAt;
    ids[i] = lastId;
    vs[i] = lastValue;
  }

  /** Drops every entry's value (the entries stay). */
  clearValues(): void {
    this.value.fill(undefined);
  }
}
