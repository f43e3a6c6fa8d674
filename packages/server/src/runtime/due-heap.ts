/**
 * A binary min-heap of (instant, contact row, value) in parallel arrays: no object per entry, so
 * a queue of a million timers stays a few flat arrays, two of them small numbers only.
 */
export class DueHeap<V> {
  private at: number[] = [];
  private row: number[] = [];
  private value: (V | undefined)[] = [];

  get length(): number {
    return this.at.length;
  }

  /** The earliest entry's instant (+Infinity when empty). */
  get headAt(): number {
    return this.at.length === 0 ? Number.POSITIVE_INFINITY : this.at[0];
  }

  get headRow(): number {
    return this.row[0];
  }

  get headValue(): V | undefined {
    return this.value[0];
  }

  push(at: number, row: number, value?: V): void {
    const a = this.at;
    const rows = this.row;
    const vs = this.value;
    let i = a.length;
    a.push(at);
    rows.push(row);
    vs.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= at) break;
      a[i] = a[p];
      rows[i] = rows[p];
      vs[i] = vs[p];
      i = p;
    }
    a[i] = at;
    rows[i] = row;
    vs[i] = value;
  }

  /** Removes the earliest entry. */
  pop(): void {
    const a = this.at;
    const rows = this.row;
    const vs = this.value;
    const lastAt = a.pop() as number;
    const lastRow = rows.pop() as number;
    const lastValue = vs.pop();
    if (a.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const c = l + 1 < a.length && a[l + 1] < a[l] ? l + 1 : l;
      if (a[c] >= lastAt) break;
      a[i] = a[c];
      rows[i] = rows[c];
      vs[i] = vs[c];
      i = c;
    }
    a[i] = lastAt;
    rows[i] = lastRow;
    vs[i] = lastValue;
  }

  /** Drops every entry's value (the entries stay). */
  clearValues(): void {
    this.value.fill(undefined);
  }
}
