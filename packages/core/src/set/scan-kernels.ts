/**
 * The hot loops of the set evaluator, as small functions over typed arrays only, so that the
 * JIT optimises each one for exactly these element types. `pass` (undefined: every row) is a
 * `where` mask; [lo, hi] a closed time window.
 */

/** count[contact]++ for each row inside the window. */
export function countRows(
  contact: Int32Array,
  ts: Float64Array,
  rows: number,
  lo: number,
  hi: number,
  pass: Uint8Array | undefined,
  count: Int32Array,
): void {
  if (pass === undefined) {
    for (let r = 0; r < rows; r++) {
      const t = ts[r];
      if (t >= lo && t <= hi) count[contact[r]]++;
    }
    return;
  }
  for (let r = 0; r < rows; r++) {
    const t = ts[r];
    if (t >= lo && t <= hi && pass[r] === 1) count[contact[r]]++;
  }
}

export const SUM = 0;
export const MIN = 1;
export const MAX = 2;

/** Sum (in row order), min or max of the numeric values of the rows inside the window; `seen` counts them. */
export function accumulateRows(
  contact: Int32Array,
  ts: Float64Array,
  isNumber: Uint8Array,
  num: Float64Array,
  rows: number,
  lo: number,
  hi: number,
  pass: Uint8Array | undefined,
  how: number,
  acc: Float64Array,
  seen: Int32Array,
): void {
  for (let r = 0; r < rows; r++) {
    const t = ts[r];
    if (isNumber[r] !== 1 || !(t >= lo && t <= hi) || (pass !== undefined && pass[r] === 0)) continue;
    const i = contact[r];
    const v = num[r];
    if (how === SUM) acc[i] += v;
    else if (seen[i] === 0 || (how === MIN ? v < acc[i] : v > acc[i])) acc[i] = v;
    seen[i]++;
  }
}

/** The least (first) or greatest (last) time per contact of the rows passing `pass`. */
export function extremeTimes(
  contact: Int32Array,
  ts: Float64Array,
  rows: number,
  pass: Uint8Array | undefined,
  first: boolean,
  time: Float64Array,
): void {
  for (let r = 0; r < rows; r++) {
    if (pass !== undefined && pass[r] === 0) continue;
    const i = contact[r];
    const t = ts[r];
    if (first ? t < time[i] : t > time[i]) time[i] = t;
  }
}

/** holds[i] = (lo <= values[i] <= hi) != negate for i in [from, to) where `present[i]` is non-zero. */
export function rangeHolds(
  values: Float64Array | Int32Array,
  present: Int32Array | Float64Array,
  from: number,
  to: number,
  lo: number,
  hi: number,
  negate: boolean,
  holds: Uint8Array,
): void {
  for (let i = from; i < to; i++) {
    if (present[i] === 0) continue;
    const x = values[i];
    holds[i] = (x >= lo && x <= hi) !== negate ? 1 : 0;
  }
}

/**
 * ORs `mask[i] === want` for i in [from, to) into the words of a bitset, a word at a time;
 * indices past the mask's length read as 0.
 */
export function packMask(mask: Uint8Array, from: number, to: number, want: number, words: Uint32Array): void {
  const end = Math.min(to, mask.length);
  let word = from >>> 5;
  let w = 0;
  for (let i = from; i < to; i++) {
    if (i >>> 5 !== word) {
      words[word] |= w;
      w = 0;
      word = i >>> 5;
    }
    if ((i < end ? mask[i] : 0) === want) w |= 1 << (i & 31);
  }
  words[word] |= w;
}
