import { grown } from "./growable.ts";
import type { StringDictionary } from "./string-dictionary.ts";

/** Distinct strings up to which a column keeps postings (at 1M contacts, 125 kB each). */
const MAX_POSTINGS = 64;

/** What a slot of a column holds. NULL is a key present with `null`: missing, but it hides a dot path. */
export const Kind = { ABSENT: 0, NUMBER: 1, STRING: 2, TRUE: 3, FALSE: 4, BOXED: 5, NULL: 6 } as const;

/**
 * One JSON value per slot (a contact, or an event row): numbers in a Float64Array, strings as
 * dictionary codes, booleans in the kind byte, arrays and objects boxed in a map. The number and
 * code arrays are allocated on the first value of their type, so a string column costs 5 bytes
 * a slot and a number column 9.
 */
export class ValueColumn {
  kind = new Uint8Array(0);
  num: Float64Array | undefined;
  code: Int32Array | undefined;
  boxed = new Map<number, unknown>();
  /**
   * Per string code, the slots holding it (bits in 32-bit words): built on the first
   * `stringPostings()` of a column with few distinct strings, then kept in step by set/clear, so
   * `plan eq "enterprise"` reads one bitset instead of testing every slot. Undefined: not built.
   */
  private postings: Map<number, Uint32Array> | undefined;
  /** While postings exist: slots holding a number or a boxed value (their tests need the slot). */
  private postingOthers = 0;
  /** Too many distinct strings for postings (or a reorder): never built again. */
  private postingsOff = false;

  constructor(private readonly dict: StringDictionary) {}

  /** The postings (see above), or undefined when the column has too many distinct strings. */
  stringPostings(): { byCode: ReadonlyMap<number, Uint32Array>; numbersOrBoxed: number } | undefined {
    if (this.postingsOff) return undefined;
    if (this.postings === undefined) {
      const byCode = new Map<number, Uint32Array>();
      this.postings = byCode;
      this.postingOthers = 0;
      for (let i = 0; i < this.kind.length; i++) {
        const k = this.kind[i];
        if (k === Kind.STRING) this.post((this.code as Int32Array)[i], i, true);
        else if (k === Kind.NUMBER || k === Kind.BOXED) this.postingOthers++;
        if (this.postings === undefined) return undefined;
      }
    }
    return { byCode: this.postings, numbersOrBoxed: this.postingOthers };
  }

  /** Before slot i changes: takes its old value out of the postings. */
  private unpost(i: number): void {
    if (this.postings === undefined || i >= this.kind.length) return;
    const k = this.kind[i];
    if (k === Kind.STRING) this.post((this.code as Int32Array)[i], i, false);
    else if (k === Kind.NUMBER || k === Kind.BOXED) this.postingOthers--;
  }

  private post(code: number, i: number, on: boolean): void {
    const byCode = this.postings as Map<number, Uint32Array>;
    let words = byCode.get(code);
    if (words === undefined) {
      if (!on) return;
      if (byCode.size >= MAX_POSTINGS) {
        this.postings = undefined;
        this.postingsOff = true;
        return;
      }
      words = new Uint32Array(((this.kind.length + 31) >>> 5) + 1);
      byCode.set(code, words);
    }
    const w = i >>> 5;
    if (w >= words.length) {
      const bigger = new Uint32Array(Math.max(w + 1, words.length * 2));
      bigger.set(words);
      words = bigger;
      byCode.set(code, words);
    }
    if (on) words[w] |= 1 << (i & 31);
    else words[w] &= ~(1 << (i & 31));
  }

  ensure(length: number): void {
    this.kind = grown(this.kind, length);
  }

  /** @example column.set(7, "pro") */
  set(i: number, value: unknown): void {
    this.ensure(i + 1);
    this.unpost(i);
    if (this.postings !== undefined) {
      if (typeof value === "number" || (typeof value === "object" && value !== null)) this.postingOthers++;
    }
    if (this.kind[i] === Kind.BOXED) this.boxed.delete(i);
    switch (typeof value) {
      case "number":
        this.num = grown(this.num ?? new Float64Array(0), this.kind.length);
        this.num[i] = value;
        this.kind[i] = Kind.NUMBER;
        return;
      case "string":
        this.code = grown(this.code ?? new Int32Array(0), this.kind.length);
        this.code[i] = this.dict.code(value);
        this.kind[i] = Kind.STRING;
        if (this.postings !== undefined) this.post(this.code[i], i, true);
        return;
      case "boolean":
        this.kind[i] = value ? Kind.TRUE : Kind.FALSE;
        return;
      case "undefined":
        this.kind[i] = Kind.NULL;
        return;
      default:
        if (value === null) {
          this.kind[i] = Kind.NULL;
          return;
        }
        this.boxed.set(i, value);
        this.kind[i] = Kind.BOXED;
    }
  }

  /** Forgets slot i (a removed trait). */
  clear(i: number): void {
    if (i >= this.kind.length) return;
    this.unpost(i);
    if (this.kind[i] === Kind.BOXED) this.boxed.delete(i);
    this.kind[i] = Kind.ABSENT;
  }

  /** The value of slot i; `null` for NULL, `undefined` for ABSENT. */
  get(i: number): unknown {
    switch (i < this.kind.length ? this.kind[i] : Kind.ABSENT) {
      case Kind.NUMBER:
        return (this.num as Float64Array)[i];
      case Kind.STRING:
        return this.dict.values[(this.code as Int32Array)[i]];
      case Kind.TRUE:
        return true;
      case Kind.FALSE:
        return false;
      case Kind.BOXED:
        return this.boxed.get(i);
      case Kind.NULL:
        return null;
      default:
        return undefined;
    }
  }

  /** Drops capacity past `rows` slots. */
  trim(rows: number): void {
    this.postings = undefined;
    this.postingsOff = true;
    if (this.kind.length > rows) this.kind = this.kind.slice(0, rows);
    if (this.num !== undefined && this.num.length > rows) this.num = this.num.slice(0, rows);
    if (this.code !== undefined && this.code.length > rows) this.code = this.code.slice(0, rows);
  }

  /** Reorders slots: new slot k holds old slot order[k], for k < rows. */
  permute(order: Uint32Array, rows: number): void {
    // Slots move: postings would point at the wrong ones (event columns, never queried by code).
    this.postings = undefined;
    this.postingsOff = true;
    const length = rows;
    const kind = new Uint8Array(length);
    const num = this.num === undefined ? undefined : new Float64Array(length);
    const code = this.code === undefined ? undefined : new Int32Array(length);
    const boxed = new Map<number, unknown>();
    const n = Math.min(rows, this.kind.length);
    for (let k = 0; k < rows; k++) {
      const old = order[k];
      if (old >= n) continue;
      const kd = this.kind[old];
      kind[k] = kd;
      if (kd === Kind.NUMBER) (num as Float64Array)[k] = (this.num as Float64Array)[old];
      else if (kd === Kind.STRING) (code as Int32Array)[k] = (this.code as Int32Array)[old];
      else if (kd === Kind.BOXED) boxed.set(k, this.boxed.get(old));
    }
    this.kind = kind;
    this.num = num;
    this.code = code;
    this.boxed = boxed;
  }

  /** Approximate bytes retained. */
  byteSize(): number {
    let bytes = this.kind.byteLength + (this.num?.byteLength ?? 0) + (this.code?.byteLength ?? 0);
    for (const v of this.boxed.values()) bytes += 48 + JSON.stringify(v).length * 2;
    return bytes;
  }
}
