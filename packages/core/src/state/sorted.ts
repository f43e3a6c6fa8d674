/** Binary searches over an ascending run of numbers, a[lo, hi) of a larger array. */

/** Index of the first element >= x in a[lo, hi) (hi when none). */
export function lowerBoundIn(a: readonly number[], lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > x in a[lo, hi) (hi when none). */
export function upperBoundIn(a: readonly number[], lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
