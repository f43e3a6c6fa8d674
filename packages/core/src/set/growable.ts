/**
 * Typed arrays that grow by doubling (amortised O(1) appends). A grown array keeps its contents
 * and fills the new tail with `fill`, so "never written" can mean something other than 0
 * (NaN for a missing score, -Infinity for a trait never set).
 */
export type TypedArray = Float64Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/**
 * `a` itself when it already holds `length` elements, else a copy with at least double the capacity.
 * @example grown(new Float64Array(2), 3, Number.NaN).length // 4
 */
export function grown<T extends TypedArray>(a: T, length: number, fill = 0): T {
  if (length <= a.length) return a;
  const capacity = Math.max(length, a.length * 2, 16);
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a as never);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/** The first `length` elements at most (a grown array's capacity exceeds what it holds). */
export function upTo<T extends TypedArray>(a: T, length: number): T {
  return (a.length <= length ? a : a.subarray(0, length)) as T;
}
