import { Bitset } from "./bitset.ts";
import type { ColumnarDataset } from "./columnar-dataset.ts";

/**
 * The contacts an evaluation covers: whole blocks of contact indices (all of them for an exact
 * answer, a sample for an estimate). Every condition scans only these blocks' contacts and
 * events, and its result holds only live contacts of the scope.
 */
export interface SetScope {
  readonly dataset: ColumnarDataset;
  readonly now: number;
  /** Ascending block numbers. */
  readonly blocks: readonly number[];
  /** Live contacts inside the blocks. */
  readonly members: Bitset;
}

/** Every block of the dataset. */
export function fullScope(dataset: ColumnarDataset, now: number): SetScope {
  const count = dataset.blockCount;
  return scopeOf(
    dataset,
    now,
    Array.from({ length: count }, (_, b) => b),
  );
}

/** The given blocks (ascending) of the dataset. */
export function scopeOf(dataset: ColumnarDataset, now: number, blocks: readonly number[]): SetScope {
  const members = new Bitset(dataset.size);
  const alive = dataset.alive;
  forEachRange(dataset, blocks, (from, to) => {
    for (let i = from; i < to; i++) if (alive[i] === 1) members.add(i);
  });
  return { dataset, now, blocks, members };
}

/** Calls `fn(from, to)` for each block's range of contact indices. */
export function forEachRange(
  dataset: ColumnarDataset,
  blocks: readonly number[],
  fn: (from: number, to: number) => void,
): void {
  for (const b of blocks) {
    const [from, to] = dataset.blockRange(b);
    fn(from, to);
  }
}

/** The contacts of the scope whose byte in `mask` (by contact index) is `want`. */
export function scopeWhere(scope: SetScope, mask: Uint8Array, want = 1): Bitset {
  const out = new Bitset(scope.dataset.size);
  forEachRange(scope.dataset, scope.blocks, (from, to) => {
    const end = Math.min(to, mask.length);
    for (let i = from; i < end; i++) if (mask[i] === want) out.add(i);
    if (want === 0) for (let i = end; i < to; i++) out.add(i);
  });
  return out.and(scope.members);
}
