/** A 32-bit hash of a string under a seed (xxHash32 in the store). */
export type StringHash = (s: string, seed: number) => number;

/** One block is 512 bits, a cache line: a lookup reads one line per stage, whatever `PROBES` is. */
const BLOCK_WORDS = 16;
const BLOCK_BITS = BLOCK_WORDS * 32;
/** Bits set per key, in its block: about 1% false positives a stage at 10 bits a key. */
const PROBES = 7;
/** The seed of the one hash a key gets. */
const SEED = 0x9e3779b9;

interface Stage {
  words: Uint32Array;
  blocks: number;
  /** Keys it takes before the next, twice as large, is started. */
  capacity: number;
  count: number;
}

export interface MessageIdFilterOptions {
  /** Keys the first stage is sized for. */
  firstCapacity: number;
  bitsPerKey: number;
}

const DEFAULTS: MessageIdFilterOptions = { firstCapacity: 1 << 20, bitsPerKey: 10 };

/**
 * The keys a store holds, as a blocked Bloom filter that grows in stages (each twice the last),
 * so it needs no count up front: `mightHave` false means the key was never added, true means it
 * may have been (about 1% of absent keys per stage). A store asks it before looking message ids
 * up, and only the ids it may hold go to the engine.
 * @example
 * const f = new MessageIdFilter(h32);
 * f.add("p\0ws\0m1\0");
 * f.mightHave("p\0ws\0m1\0"); // true
 */
export class MessageIdFilter {
  readonly #stages: Stage[] = [];
  readonly #options: MessageIdFilterOptions;
  /** The last key `#hashKey` hashed (no object per key on the lookup path). */
  #block = 0;
  #first = 0;
  #step = 1;

  constructor(
    private readonly hash: StringHash,
    options: Partial<MessageIdFilterOptions> = {},
  ) {
    this.#options = { ...DEFAULTS, ...options };
  }

  /** Keys added (a key added twice counts twice). */
  get size(): number {
    let n = 0;
    for (const s of this.#stages) n += s.count;
    return n;
  }

  /** Bytes of its bit arrays. */
  get byteSize(): number {
    let n = 0;
    for (const s of this.#stages) n += s.words.byteLength;
    return n;
  }

  add(key: string): void {
    let stage = this.#stages.at(-1);
    if (stage === undefined || stage.count >= stage.capacity) stage = this.#grow();
    this.#hashKey(key);
    const words = stage.words;
    const base = (this.#block % stage.blocks) * BLOCK_WORDS;
    for (let i = 0, p = this.#first; i < PROBES; i++, p = (p + this.#step) & (BLOCK_BITS - 1))
      words[base + (p >>> 5)] |= 1 << (p & 31);
    stage.count++;
  }

  mightHave(key: string): boolean {
    if (this.#stages.length === 0) return false;
    this.#hashKey(key);
    for (const stage of this.#stages) if (this.#holds(stage)) return true;
    return false;
  }

  /**
   * The key's block (before taking it modulo a stage's block count) and, by double hashing inside
   * the block, its first bit and an odd step that visits PROBES distinct bits of 512.
   */
  #hashKey(key: string): void {
    const h = this.hash(key, SEED) >>> 0;
    this.#block = h;
    // The bits from a bijective remix of the same hash: keys sharing a block (equal modulo the
    // block count) get unrelated bits unless all 32 bits are equal, and the key is hashed once.
    const bits = remix(h);
    this.#first = bits & (BLOCK_BITS - 1);
    this.#step = ((bits >>> 9) & (BLOCK_BITS - 1)) | 1;
  }

  /** Whether every bit of the last hashed key is set in its block of `stage`. */
  #holds(stage: Stage): boolean {
    const words = stage.words;
    const base = (this.#block % stage.blocks) * BLOCK_WORDS;
    for (let i = 0, p = this.#first; i < PROBES; i++, p = (p + this.#step) & (BLOCK_BITS - 1))
      if ((words[base + (p >>> 5)] & (1 << (p & 31))) === 0) return false;
    return true;
  }

  #grow(): Stage {
    const last = this.#stages.at(-1);
    const capacity = last === undefined ? this.#options.firstCapacity : last.capacity * 2;
    const blocks = Math.max(1, Math.ceil((capacity * this.#options.bitsPerKey) / BLOCK_BITS));
    const stage = { words: new Uint32Array(blocks * BLOCK_WORDS), blocks, capacity, count: 0 };
    this.#stages.push(stage);
    return stage;
  }
}

/** MurmurHash3's 32-bit finalizer: every input bit affects every output bit. */
function remix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
