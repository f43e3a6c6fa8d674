/** A 32-bit hash of a string under a seed (xxHash32 in the store). */
export type StringHash = (s: string, seed: number) => number;

/** One block is 512 bits, a cache line: a lookup reads one line per stage, whatever `PROBES` is. */
const BLOCK_WORDS = 16;
const BLOCK_BITS = BLOCK_WORDS * 32;
/** Bits set per key, in its block: about 1% false positives a stage at 10 bits a key. */
const PROBES = 7;
const BLOCK_SEED = 0x9e3779b9;
const BIT_SEED = 0x85ebca6b;

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
  #keys = 0;

  constructor(
    private readonly hash: StringHash,
    options: Partial<MessageIdFilterOptions> = {},
  ) {
    this.#options = { ...DEFAULTS, ...options };
  }

  /** Keys added (a key added twice counts twice). */
  get size(): number {
    return this.#keys;
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
    const block = this.hash(key, BLOCK_SEED);
    const bits = this.hash(key, BIT_SEED);
    const base = (block >>> 0) % stage.blocks;
    const words = stage.words;
    // Double hashing inside the block: an odd step visits PROBES distinct bits of 512.
    const first = bits & (BLOCK_BITS - 1);
    const step = ((bits >>> 9) & (BLOCK_BITS - 1)) | 1;
    for (let i = 0, p = first; i < PROBES; i++, p = (p + step) & (BLOCK_BITS - 1))
      words[base * BLOCK_WORDS + (p >>> 5)] |= 1 << (p & 31);
    stage.count++;
    this.#keys++;
  }

  mightHave(key: string): boolean {
    if (this.#stages.length === 0) return false;
    const block = this.hash(key, BLOCK_SEED) >>> 0;
    const bits = this.hash(key, BIT_SEED);
    const first = bits & (BLOCK_BITS - 1);
    const step = ((bits >>> 9) & (BLOCK_BITS - 1)) | 1;
    for (const stage of this.#stages) if (holds(stage, block % stage.blocks, first, step)) return true;
    return false;
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

function holds(stage: Stage, base: number, first: number, step: number): boolean {
  const words = stage.words;
  for (let i = 0, p = first; i < PROBES; i++, p = (p + step) & (BLOCK_BITS - 1))
    if ((words[base * BLOCK_WORDS + (p >>> 5)] & (1 << (p & 31))) === 0) return false;
  return true;
}
