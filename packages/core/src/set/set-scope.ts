import { Bitset } from "./bitset.ts";
import type { ColumnarDataset } from "./columnar-dataset.ts";
import { packMask } from "./scan-kernels.ts";

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
  /** Live contacts inside the blocks. Shared: never modified in place. */
  readonly members: Bitset;
  /**
   * When set, only these contacts' answers matter (the caller ANDs the result with them), so a
   * condition may decide just these: an AND hands its running result to its later children.
   */
  readonly focus?: Bitset | undefined;
}

/** The scope with `focus` when it is sparse enough to pay off (else without one). */
export function focused(scope: SetScope, focus: Bitset): SetScope {
  const sparse = focus.count() < scope.members.count() * scope.dataset.focusBelow;
  return sparse ? { ...scope, focus } : { ...scope, focus: undefined };
}

/**
 * The scope members whose answer `holds(i)` is true, deciding only the focus when there is one
 * (the others come out as non-members; the caller's AND drops them anyway).
 */
export function focusWhere(scope: SetScope, focus: Bitset, holds: (i: number) => boolean): Bitset {
  const out = new Bitset(scope.dataset.size);
  focus.visit((i) => {
    if (holds(i)) out.add(i);
    return true;
  });
  return out.and(scope.members);
}

/** Every block of the dataset. */
export function fullScope(dataset: ColumnarDataset, now: number): SetScope {
  const blocks = Array.from({ length: dataset.blockCount }, (_, b) => b);
  return { dataset, now, blocks, members: dataset.liveSet() };
}

/** The given blocks (ascending) of the dataset. */
export function scopeOf(dataset: ColumnarDataset, now: number, blocks: readonly number[]): SetScope {
  const members = new Bitset(dataset.size);
  forEachRange(dataset, blocks, (from, to) => packMask(dataset.alive, from, to, 1, members.words));
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
  forEachRange(scope.dataset, scope.blocks, (from, to) => packMask(mask, from, to, want, out.words));
  return out.and(scope.members);
}
