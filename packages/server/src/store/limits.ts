/** Page and chunk sizes must be positive integers: a zero or fractional limit is a caller's bug. */
export function positiveInteger(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer, got ${n}`);
  return n;
}
