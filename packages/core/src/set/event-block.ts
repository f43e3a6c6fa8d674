import { grown } from "./growable.ts";
import type { StringDictionary } from "./string-dictionary.ts";
import { ValueColumn } from "./value-column.ts";

/** log2 of the contacts per block (4096): the unit of event partitioning and of sampling for estimates. */
export const BLOCK_BITS = 12;

/** An unsorted tail longer than this (and than a quarter of the rows) is merged by a re-sort. */
const TAIL_LIMIT = 1024;

/**
 * The events of one name whose contacts lie in one block of contact indices: contact index,
 * time, and one column per top-level property key, created when the key is first seen. Rows
 * [0, sorted) are in ascending time (equal times in arrival order), so a window is a row range
 * found by binary search; later rows are an arrival-order tail (late events, interleaved
 * contacts), merged by a stable re-sort when it grows long. A late event carries its own time.
 */
export class EventBlock {
  rows = 0;
  sorted = 0;
  contact = new Int32Array(0);
  ts = new Float64Array(0);
  readonly props = new Map<string, ValueColumn>();

  append(
    contactIndex: number,
    timestamp: number,
    properties: Readonly<Record<string, unknown>>,
    dict: StringDictionary,
  ): void {
    const r = this.rows++;
    this.contact = grown(this.contact, this.rows);
    this.ts = grown(this.ts, this.rows);
    this.contact[r] = contactIndex;
    this.ts[r] = timestamp;
    for (const key of Object.keys(properties)) {
      let column = this.props.get(key);
      if (column === undefined) {
        column = new ValueColumn(dict);
        this.props.set(key, column);
      }
      column.set(r, properties[key]);
    }
    if (r === this.sorted && (r === 0 || timestamp >= this.ts[r - 1])) this.sorted++;
  }

  /** Re-sorts when the unsorted tail has grown long (amortised: the tail must double the limit). */
  compactIfDue(): void {
    const tail = this.rows - this.sorted;
    if (tail > TAIL_LIMIT && tail > this.rows / 4) this.compact();
  }

  /** Stable sort of every row by time: afterwards all rows are in the sorted part. */
  compact(): void {
    if (this.sorted === this.rows) {
      this.trim();
      return;
    }
    const order = this.timeOrder();
    const ts = this.ts;
    // Exact sizes: a compacted block sheds the spare capacity of doubling (the next append regrows).
    const contact = new Int32Array(this.rows);
    const times = new Float64Array(this.rows);
    for (let k = 0; k < this.rows; k++) {
      contact[k] = this.contact[order[k]];
      times[k] = ts[order[k]];
    }
    this.contact = contact;
    this.ts = times;
    for (const column of this.props.values()) column.permute(order, this.rows);
    this.sorted = this.rows;
  }

  /**
   * Every row in ascending time, equal times in arrival order. Only the tail is sorted: it is
   * then merged with the sorted part (rows before it), so a compaction costs a sort of the
   * late rows and a linear pass, not a sort of the whole block.
   */
  private timeOrder(): Uint32Array {
    const { ts, sorted, rows } = this;
    const tail = new Uint32Array(rows - sorted);
    for (let k = 0; k < tail.length; k++) tail[k] = sorted + k;
    tail.sort((a, b) => ts[a] - ts[b] || a - b);
    const order = new Uint32Array(rows);
    let i = 0;
    let j = 0;
    for (let k = 0; k < rows; k++) {
      // On a tie the sorted part's row goes first: it arrived before every tail row.
      if (j === tail.length || (i < sorted && ts[i] <= ts[tail[j]])) order[k] = i++;
      else order[k] = tail[j++];
    }
    return order;
  }

  /** Drops spare capacity (after a bulk load the block is mostly read). */
  private trim(): void {
    if (this.contact.length === this.rows) return;
    this.contact = this.contact.slice(0, this.rows);
    this.ts = this.ts.slice(0, this.rows);
    for (const column of this.props.values()) column.trim(this.rows);
  }

  /** Rows [a, b) of the sorted part with lo <= time <= hi. */
  sortedRange(lo: number, hi: number): [number, number] {
    return [
      firstIndex(this.ts, this.sorted, (t) => t >= lo),
      firstIndex(this.ts, this.sorted, (t) => t > hi),
    ];
  }

  byteSize(): number {
    let bytes = this.contact.byteLength + this.ts.byteLength;
    for (const c of this.props.values()) bytes += c.byteSize();
    return bytes;
  }
}

/** Every event of one name, partitioned by contact block (`blocks[b]` undefined when empty). */
export class EventTable {
  readonly blocks: (EventBlock | undefined)[] = [];
  /**
   * Per contact, kept on every append: the number of events and the least and greatest time
   * (±Infinity when none), so that unfiltered first/last times and counts need no scan.
   */
  total = new Int32Array(0);
  first = new Float64Array(0);
  last = new Float64Array(0);

  /** Off during a bulk load, which compacts every block once at its end. */
  autoCompact = true;

  constructor(private readonly blockBits: number) {}

  append(
    contactIndex: number,
    timestamp: number,
    properties: Readonly<Record<string, unknown>>,
    dict: StringDictionary,
  ): void {
    const b = contactIndex >>> this.blockBits;
    let block = this.blocks[b];
    if (block === undefined) {
      while (this.blocks.length < b) this.blocks.push(undefined);
      block = new EventBlock();
      this.blocks[b] = block;
    }
    block.append(contactIndex, timestamp, properties, dict);
    if (this.autoCompact) block.compactIfDue();
    const i = contactIndex;
    this.total = grown(this.total, i + 1);
    this.first = grown(this.first, i + 1, Number.POSITIVE_INFINITY);
    this.last = grown(this.last, i + 1, Number.NEGATIVE_INFINITY);
    this.total[i]++;
    if (timestamp < this.first[i]) this.first[i] = timestamp;
    if (timestamp > this.last[i]) this.last[i] = timestamp;
  }

  get rows(): number {
    let n = 0;
    for (const b of this.blocks) n += b?.rows ?? 0;
    return n;
  }
}

/** The first index in [0, n) whose time satisfies `ok` (monotone: false then true), else n. */
function firstIndex(ts: Float64Array, n: number, ok: (t: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ok(ts[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
