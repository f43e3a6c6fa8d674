/**
 * A fixed-size set of contact indices, one bit each, in 32-bit words. Sets of different sizes
 * combine as if the shorter one were padded with zeros, so a stored membership computed before
 * contacts were added still combines with a fresh result.
 * @example const b = new Bitset(100); b.add(3); b.count() // 1
 */
export class Bitset {
  readonly words: Uint32Array;

  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  /** Every index in [0, size). */
  static full(size: number): Bitset {
    const b = new Bitset(size);
    b.words.fill(0xffffffff);
    b.trimTail();
    return b;
  }

  /** A copy resized to `size` (bits past the old size are 0; bits past the new one are dropped). */
  copy(size = this.size): Bitset {
    const b = new Bitset(size);
    b.words.set(this.words.length <= b.words.length ? this.words : this.words.subarray(0, b.words.length));
    b.trimTail();
    return b;
  }

  has(i: number): boolean {
    return i < this.size && (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  add(i: number): void {
    this.words[i >>> 5] |= 1 << (i & 31);
  }

  remove(i: number): void {
    this.words[i >>> 5] &= ~(1 << (i & 31));
  }

  /** In place: this ∧ other. */
  and(other: Bitset): this {
    const w = this.words;
    const o = other.words;
    const n = Math.min(w.length, o.length);
    for (let k = 0; k < n; k++) w[k] &= o[k];
    w.fill(0, n);
    return this;
  }

  /** In place: this ∨ other (bits of `other` past this size are dropped). */
  or(other: Bitset): this {
    const w = this.words;
    const o = other.words;
    const n = Math.min(w.length, o.length);
    for (let k = 0; k < n; k++) w[k] |= o[k];
    this.trimTail();
    return this;
  }

  /** In place: this ∧ ¬other. */
  andNot(other: Bitset): this {
    const w = this.words;
    const o = other.words;
    const n = Math.min(w.length, o.length);
    for (let k = 0; k < n; k++) w[k] &= ~o[k];
    return this;
  }

  /** In place: ¬this within [0, size). */
  not(): this {
    const w = this.words;
    for (let k = 0; k < w.length; k++) w[k] = ~w[k];
    this.trimTail();
    return this;
  }

  isEmpty(): boolean {
    for (let k = 0; k < this.words.length; k++) if (this.words[k] !== 0) return false;
    return true;
  }

  count(): number {
    let n = 0;
    const w = this.words;
    for (let k = 0; k < w.length; k++) n += popcount(w[k]);
    return n;
  }

  /** Members in [from, to). */
  countRange(from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to && i < this.size; i++) {
      if ((i & 31) === 0 && i + 32 <= to) {
        n += popcount(this.words[i >>> 5]);
        i += 31;
      } else if (this.has(i)) n++;
    }
    return n;
  }

  /** Calls `fn` for every member in ascending order; stops when it returns false. */
  visit(fn: (i: number) => boolean | undefined): void {
    const w = this.words;
    for (let k = 0; k < w.length; k++) {
      let word = w[k];
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        if (fn((k << 5) + bit) === false) return;
        word &= word - 1;
      }
    }
  }

  /** Members in ascending order. */
  toArray(): number[] {
    const out: number[] = [];
    this.visit((i) => {
      out.push(i);
      return true;
    });
    return out;
  }

  private trimTail(): void {
    const rest = this.size & 31;
    if (rest !== 0 && this.words.length > 0) this.words[this.words.length - 1] &= (1 << rest) - 1;
  }
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
