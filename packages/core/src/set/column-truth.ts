import { type Comparison, compileValuePredicate, type ValuePredicate } from "../evaluator/value-predicate.ts";
import { numberSlots, stringSlots } from "./scan-kernels.ts";
import type { StringDictionary } from "./string-dictionary.ts";
import { Kind, type ValueColumn } from "./value-column.ts";
import { type ValueRange, valueRange } from "./value-range.ts";

/**
 * One operator test prepared for columns: the predicate the per-contact evaluator uses (so the
 * semantics are shared, not re-implemented), its answers for missing and boolean values, a
 * cache of its answer per distinct string, and an inline interval for numbers when it has one.
 */
export interface ColumnTest {
  pred: ValuePredicate;
  now: number;
  dict: StringDictionary;
  missing: number;
  isTrue: number;
  isFalse: number;
  /** Per dictionary code: -1 not yet tested, else 0/1. */
  strings: Int8Array;
  range: ValueRange | undefined;
  /** The answer per kind where it does not depend on the value (2: it does). */
  constants: Uint8Array;
}

/** @example columnTest({ operator: "eq", value: "pro" }, dict, now) */
export function columnTest(c: Comparison, dict: StringDictionary, now: number): ColumnTest {
  const pred = compileValuePredicate(c);
  const missing = pred(undefined, Number.NaN, now) ? 1 : 0;
  const isTrue = pred(true, Number.NaN, now) ? 1 : 0;
  const isFalse = pred(false, Number.NaN, now) ? 1 : 0;
  const constants = new Uint8Array(7).fill(2);
  constants[Kind.ABSENT] = missing;
  constants[Kind.NULL] = missing;
  constants[Kind.TRUE] = isTrue;
  constants[Kind.FALSE] = isFalse;
  return {
    pred,
    now,
    dict,
    missing,
    isTrue,
    isFalse,
    strings: new Int8Array(dict.size).fill(-1),
    range: valueRange(c, now),
    constants,
  };
}

const NO_CODES = new Int32Array(0);

/**
 * Runs the test over slots [from, to) of a column (undefined: all missing), writing 1/0 into
 * `out[i - offset]`. Strings are tested once each, numbers inline when the test has an interval.
 */
export function testColumn(
  column: ValueColumn | undefined,
  test: ColumnTest,
  from: number,
  to: number,
  out: Uint8Array,
  offset: number,
): void {
  const end = Math.min(to, column?.kind.length ?? 0);
  if (column === undefined || end <= from) {
    out.fill(test.missing, from - offset, to - offset);
    return;
  }
  const { kind, num, code } = column;
  const { pred, now, dict, strings, range } = test;
  // Numbers, or strings (by their date for a date interval, else as already tested), and the
  // kinds with a constant answer, in one tight loop; the general loop below takes the rest
  // (and fills the string cache for the next block).
  const numbers = range !== undefined && num !== undefined;
  const dates = range?.date === true ? dict.dates : undefined;
  const strs = code ?? NO_CODES;
  const [lo, hi, negate] = range === undefined ? [0, 0, false] : [range.lo, range.hi, range.negate];
  const rest = numbers
    ? numberSlots(kind, num, lo, hi, negate, range.date, test.constants, from, end, out, offset)
    : num === undefined
      ? stringSlots(kind, strs, strings, dates, lo, hi, negate, test.constants, from, end, out, offset)
      : true;
  const fast = numbers || num === undefined;
  if (!rest) {
    if (end < to) out.fill(test.missing, end - offset, to - offset);
    return;
  }
  for (let i = from; i < end; i++) {
    if (fast && out[i - offset] !== 2) continue;
    let r: number;
    switch (kind[i]) {
      case Kind.NUMBER: {
        const v = (num as Float64Array)[i];
        const date = Number.isFinite(v) ? Math.trunc(v) : Number.NaN;
        if (range === undefined) r = pred(v, date, now) ? 1 : 0;
        else {
          const x = range.date ? date : v;
          r = (x >= range.lo && x <= range.hi) !== range.negate ? 1 : 0;
        }
        break;
      }
      case Kind.STRING: {
        const c = (code as Int32Array)[i];
        r = strings[c];
        if (r < 0) {
          r = pred(dict.values[c], dict.dates[c], now) ? 1 : 0;
          strings[c] = r;
        }
        break;
      }
      case Kind.TRUE:
        r = test.isTrue;
        break;
      case Kind.FALSE:
        r = test.isFalse;
        break;
      case Kind.BOXED:
        r = pred(column.boxed.get(i), Number.NaN, now) ? 1 : 0;
        break;
      default:
        r = test.missing;
    }
    out[i - offset] = r;
  }
  if (end < to) out.fill(test.missing, end - offset, to - offset);
}
