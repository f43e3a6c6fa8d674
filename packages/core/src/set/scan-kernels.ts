/**
 * The hot loops of the set evaluator, as small functions over typed arrays only, so that the
 * JIT optimises each one for exactly these element types. `pass` (undefined: every row) is a
 * `where` mask; [lo, hi] a closed time window.
 */

/** count[contact]++ for each row of [from, to) inside the window. */
export function countRows(
  contact: Int32Array,
  ts: Float64Array,
  from: number,
  to: number,
  lo: number,
  hi: number,
  pass: Uint8Array | undefined,
  count: Int32Array,
): void {
  if (pass === undefined) {
    // Branch-free: a window splits a contact's rows unpredictably, and mispredictions dominate.
    for (let r = from; r < to; r++) {
      const t = ts[r];
      count[contact[r]] += +(t >= lo) & +(t <= hi);
    }
    return;
  }
  for (let r = from; r < to; r++) {
    const t = ts[r];
    count[contact[r]] += +(t >= lo) & +(t <= hi) & pass[r];
  }
}

/** count[contact]++ for each row of [from, to) (already known to be inside the window). */
export function countRange(
  contact: Int32Array,
  from: number,
  to: number,
  pass: Uint8Array | undefined,
  count: Int32Array,
): void {
  if (pass === undefined) for (let r = from; r < to; r++) count[contact[r]]++;
  else for (let r = from; r < to; r++) count[contact[r]] += pass[r];
}

export const SUM = 0;
export const MIN = 1;
export const MAX = 2;

/** Sum (in row order), min or max of the numeric values of rows [from, to) inside the window; `seen` counts them. */
export function accumulateRows(
  contact: Int32Array,
  ts: Float64Array,
  isNumber: Uint8Array,
  num: Float64Array,
  from: number,
  to: number,
  lo: number,
  hi: number,
  pass: Uint8Array | undefined,
  how: number,
  acc: Float64Array,
  seen: Int32Array,
): void {
  for (let r = from; r < to; r++) {
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
  if ((from & 31) === 0 && to <= end) {
    // Whole words first (blocks are word-aligned in practice), then the tail.
    let i = from;
    for (; i + 32 <= to; i += 32) {
      let w = 0;
      for (let b = 0; b < 32; b++) w |= +(mask[i + b] === want) << b;
      words[i >>> 5] |= w;
    }
    if (i === to) return;
    packBits(mask, i, to, end, want, words);
    return;
  }
  packBits(mask, from, to, end, want, words);
}

function packBits(
  mask: Uint8Array,
  from: number,
  to: number,
  end: number,
  want: number,
  words: Uint32Array,
): void {
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

/**
 * out[i - offset] for slots [from, to) of a column: numbers by the interval (on the number, or
 * on it truncated as a date), other kinds by `constants[kind]` (2: left for the caller's
 * general path). Numeric columns (scores, counts, sizes) never leave this loop.
 */
export function numberSlots(
  kind: Uint8Array,
  num: Float64Array,
  lo: number,
  hi: number,
  negate: boolean,
  date: boolean,
  constants: Uint8Array,
  from: number,
  to: number,
  out: Uint8Array,
  offset: number,
): boolean {
  const flip = negate ? 1 : 0;
  let others = false;
  for (let i = from; i < to; i++) {
    const k = kind[i];
    let r: number;
    if (k === 1) {
      const v = num[i];
      const x = date ? (v - v === 0 ? Math.trunc(v) : Number.NaN) : v;
      r = (+(x >= lo) & +(x <= hi)) ^ flip;
    } else {
      r = constants[k];
      if (r === 2) others = true;
    }
    out[i - offset] = r;
  }
  return others;
}

/**
 * out[i - offset] for slots [from, to) of a column: strings by the per-code answers already
 * known (`strings[code]`, -1 when not yet tested) or, for a date interval, by the string's date;
 * absent and boolean slots by their constants; 2 for the rest, left for the caller's general path.
 */
export function stringSlots(
  kind: Uint8Array,
  code: Int32Array,
  strings: Int8Array,
  dates: Float64Array | undefined,
  lo: number,
  hi: number,
  negate: boolean,
  constants: Uint8Array,
  from: number,
  to: number,
  out: Uint8Array,
  offset: number,
): boolean {
  const flip = negate ? 1 : 0;
  let others = false;
  for (let i = from; i < to; i++) {
    const k = kind[i];
    let r: number;
    if (k === 2) {
      if (dates !== undefined) {
        const d = dates[code[i]];
        r = (+(d >= lo) & +(d <= hi)) ^ flip;
      } else r = strings[code[i]];
    } else r = constants[k];
    if (r < 0 || r === 2) {
      r = 2;
      others = true;
    }
    out[i - offset] = r;
  }
  return others;
}
