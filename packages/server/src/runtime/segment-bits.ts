/**
 * A contact's memberships as bits over dense segment numbers, in small integers (30 bits each,
 * so V8 keeps them unboxed): a few words per contact where a map of segment ids cost hundreds of
 * bytes. Numbers are never reused within a process, so a deleted segment's bit only lingers
 * where nothing reads it.
 */
export class SegmentOrdinals {
  private readonly byId = new Map<string, number>();
  private readonly ids: string[] = [];

  /** The segment's number, assigned on first use. */
  of(segmentId: string): number {
    let o = this.byId.get(segmentId);
    if (o === undefined) {
      o = this.ids.length;
      this.byId.set(segmentId, o);
      this.ids.push(segmentId);
    }
    return o;
  }

  idAt(ordinal: number): string {
    return this.ids[ordinal];
  }
}

const BITS = 30;

export function hasBit(words: readonly number[], o: number): boolean {
  const w = words[(o / BITS) | 0];
  return w !== undefined && (w & (1 << (o % BITS))) !== 0;
}

/** Sets the bit; returns whether it was clear. */
export function setBit(words: number[], o: number): boolean {
  const i = (o / BITS) | 0;
  while (words.length <= i) words.push(0);
  const mask = 1 << (o % BITS);
  if ((words[i] & mask) !== 0) return false;
  words[i] |= mask;
  return true;
}

/** Clears the bit; returns whether it was set. */
export function clearBit(words: number[], o: number): boolean {
  const i = (o / BITS) | 0;
  const mask = 1 << (o % BITS);
  if (i >= words.length || (words[i] & mask) === 0) return false;
  words[i] &= ~mask;
  return true;
}

/** The numbers of the set bits, ascending. */
export function setBits(words: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let w = words[i], b = 0; w !== 0; w >>>= 1, b++) if ((w & 1) !== 0) out.push(i * BITS + b);
  }
  return out;
}
