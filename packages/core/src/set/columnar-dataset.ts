import { assertNever } from "../assert-never.ts";
import type { ContactMessage, ContactSnapshot } from "../model.ts";
import { bucketOf } from "../values/bucket.ts";
import { Bitset } from "./bitset.ts";
import { BLOCK_BITS, EventTable } from "./event-block.ts";
import { grown } from "./growable.ts";
import { packMask } from "./scan-kernels.ts";
import { ScratchPool } from "./scratch-pool.ts";
import { StringDictionary } from "./string-dictionary.ts";
import { TraitStore } from "./trait-store.ts";
import { ValueColumn } from "./value-column.ts";

/** A score: latest value per contact (a number column) and the timestamp that set it. */
export interface ScoreColumn {
  column: ValueColumn;
  times: Float64Array;
}

/**
 * All contacts of one workspace as columns, for evaluating a rule over everyone at once.
 * Contacts get dense indices in order of arrival (a deleted contact leaves a tombstone; its id,
 * if it comes back, gets a new index). Kept in sync with ingestion by `apply`, which has the
 * per-contact engine's merge semantics.
 * @example
 * const ds = new ColumnarDataset("ws_1");
 * ds.apply("u1", { type: "identify", traits: { plan: "pro" }, timestamp: t });
 * evaluateSet(rule, ds, now).count();
 */
export class ColumnarDataset {
  readonly dict = new StringDictionary();
  readonly traits = new TraitStore(this.dict);
  readonly scores = new Map<string, ScoreColumn>();
  /** Per list id: 1 for members, by contact index. */
  readonly lists = new Map<string, Uint8Array>();
  readonly events = new Map<string, EventTable>();
  /** Work arrays of the set evaluator, reused across evaluations. */
  readonly scratch = new ScratchPool();
  private readonly ids: string[] = [];
  private readonly indexById = new Map<string, number>();
  /** 1 for a live contact, 0 for a tombstone. */
  alive = new Uint8Array(0);
  private live = 0;
  private readonly buckets = new Map<string, Uint16Array>();
  /** Live contacts as a bitset, rebuilt after a contact is added or deleted. */
  private live$: Bitset | undefined;
  /** Inside loadSnapshots: blocks are compacted once at the end. */
  private bulk = false;

  /** log2 of the contacts per block; smaller blocks only in tests, to cross block edges with few contacts. */
  readonly blockBits: number;
  /**
   * An AND narrows its later children to its running result when that holds less than this
   * share of the contacts (tests raise it to take that path on tiny datasets).
   */
  readonly focusBelow: number;

  constructor(
    readonly workspaceId: string,
    options: { blockBits?: number; focusBelow?: number } = {},
  ) {
    this.blockBits = options.blockBits ?? BLOCK_BITS;
    this.focusBelow = options.focusBelow ?? 1 / 16;
  }

  /** Number of contact blocks (the last one may be partly filled). */
  get blockCount(): number {
    return (this.size + (1 << this.blockBits) - 1) >>> this.blockBits;
  }

  /** Contact indices [from, to) of block b. */
  blockRange(b: number): [number, number] {
    const from = b << this.blockBits;
    return [from, Math.min(from + (1 << this.blockBits), this.size)];
  }

  /** Number of indices handed out (tombstones included): the size of every result set. */
  get size(): number {
    return this.ids.length;
  }

  /** Number of live contacts. */
  get contactCount(): number {
    return this.live;
  }

  indexOf(contactId: string): number | undefined {
    return this.indexById.get(contactId);
  }

  idAt(index: number): string {
    return this.ids[index];
  }

  /** The contact's index, creating the contact when it is new. */
  ensureContact(contactId: string): number {
    const known = this.indexById.get(contactId);
    if (known !== undefined) return known;
    const i = this.ids.push(contactId) - 1;
    this.indexById.set(contactId, i);
    this.alive = grown(this.alive, i + 1);
    this.alive[i] = 1;
    this.live++;
    this.live$ = undefined;
    return i;
  }

  /**
   * Applies one ingested message, in receive order: traits and scores by latest timestamp (ties:
   * this message wins), events at their own time, list edits in order. Returns the contact index.
   */
  apply(contactId: string, m: ContactMessage): number {
    const i = this.ensureContact(contactId);
    this.applyAt(i, m);
    return i;
  }

  /** `apply` to the contact at index `i` (from `ensureContact`): for a caller that keeps it. */
  applyAt(i: number, m: ContactMessage): void {
    switch (m.type) {
      case "identify":
        for (const key of Object.keys(m.traits)) this.traits.write(i, key, m.traits[key], m.timestamp);
        break;
      case "track":
        this.track(i, m.event, m.timestamp, m.properties);
        break;
      case "score":
        this.writeScore(i, m.score, m.value, m.timestamp);
        break;
      case "list":
        this.writeList(i, m.list, m.member);
        break;
      default:
        assertNever(m);
    }
  }

  /** Removes a contact (its index becomes a tombstone). Returns whether it existed. */
  deleteContact(contactId: string): boolean {
    const i = this.indexById.get(contactId);
    if (i === undefined) return false;
    this.indexById.delete(contactId);
    this.alive[i] = 0;
    this.live--;
    this.live$ = undefined;
    return true;
  }

  /**
   * Bulk load of a contact's current data. Its properties and scores take `asOf` as their
   * timestamp (a later message with an older timestamp then loses to them); events are appended,
   * lists joined. Loading a known id merges into it.
   */
  loadSnapshot(snapshot: ContactSnapshot, asOf = Number.NEGATIVE_INFINITY): number {
    const i = this.ensureContact(snapshot.id);
    for (const key of Object.keys(snapshot.properties))
      this.traits.write(i, key, snapshot.properties[key], asOf);
    for (const score of Object.keys(snapshot.scores)) this.writeScore(i, score, snapshot.scores[score], asOf);
    for (const list of snapshot.lists) this.writeList(i, list, true);
    for (const e of snapshot.events) this.track(i, e.event, e.timestamp, e.properties);
    return i;
  }

  /**
   * Bulk load of many contacts; returns how many were loaded. Event blocks are sorted by time
   * once at the end rather than as their tails grow.
   */
  loadSnapshots(snapshots: Iterable<ContactSnapshot>, asOf = Number.NEGATIVE_INFINITY): number {
    let n = 0;
    this.bulk = true;
    for (const t of this.events.values()) t.autoCompact = false;
    try {
      for (const s of snapshots) {
        this.loadSnapshot(s, asOf);
        n++;
      }
    } finally {
      this.bulk = false;
      this.compact();
    }
    return n;
  }

  /** Sorts every event block's tail into its time-ordered part (and resumes automatic merging). */
  compact(): void {
    for (const t of this.events.values()) {
      t.autoCompact = !this.bulk;
      for (const b of t.blocks) b?.compact();
    }
  }

  /** Every live contact. Shared and cached: copy it before changing it. */
  liveSet(): Bitset {
    if (this.live$ === undefined) {
      this.live$ = new Bitset(this.size);
      packMask(this.alive, 0, this.size, 1, this.live$.words);
    }
    return this.live$;
  }

  /** Buckets (0..9999) of every contact for a salt, computed once per contact and salt. */
  bucketsFor(salt: string): Uint16Array {
    let b = this.buckets.get(salt) ?? new Uint16Array(0);
    if (b.length < this.size) {
      const done = b.length;
      const next = new Uint16Array(this.size);
      next.set(b);
      for (let i = done; i < this.size; i++) next[i] = bucketOf(this.workspaceId, salt, this.ids[i]);
      b = next;
      this.buckets.set(salt, b);
    }
    return b;
  }

  /** Approximate bytes retained by the columns (ids and their index map included). */
  byteSize(): number {
    let bytes = this.alive.byteLength + this.traits.byteSize();
    for (const id of this.ids) bytes += 2 * id.length + 40 + 40;
    for (const s of this.dict.values) bytes += 2 * s.length + 40 + 40 + 8;
    for (const s of this.scores.values()) bytes += s.column.byteSize() + s.times.byteLength;
    for (const l of this.lists.values()) bytes += l.byteLength;
    for (const t of this.events.values()) for (const b of t.blocks) bytes += b?.byteSize() ?? 0;
    for (const b of this.buckets.values()) bytes += b.byteLength;
    return bytes;
  }

  private track(
    i: number,
    event: string,
    timestamp: number,
    properties: Readonly<Record<string, unknown>>,
  ): void {
    let table = this.events.get(event);
    if (table === undefined) {
      table = new EventTable(this.blockBits);
      table.autoCompact = !this.bulk;
      this.events.set(event, table);
    }
    table.append(i, timestamp, properties, this.dict);
  }

  private writeScore(i: number, score: string, value: number, timestamp: number): void {
    let s = this.scores.get(score);
    if (s === undefined) {
      s = { column: new ValueColumn(this.dict), times: new Float64Array(0) };
      this.scores.set(score, s);
    }
    if (i < s.times.length && s.times[i] > timestamp) return;
    s.times = grown(s.times, i + 1, Number.NEGATIVE_INFINITY);
    s.times[i] = timestamp;
    s.column.set(i, value);
  }

  private writeList(i: number, list: string, member: boolean): void {
    let l = this.lists.get(list);
    if (l === undefined) {
      if (!member) return;
      l = new Uint8Array(0);
    }
    l = grown(l, i + 1);
    l[i] = member ? 1 : 0;
    this.lists.set(list, l);
  }
}
