import type { ValuePredicate } from "../evaluator/value-predicate.ts";
import type { StringDictionary } from "./string-dictionary.ts";
import { Kind, type ValueColumn } from "./value-column.ts";

/**
 * Runs a compiled operator test over slots [from, to) of a column, writing 1/0 into
 * `out[i - offset]`. The test runs once per distinct string, once for each boolean and for
 * missing, and per slot only for numbers and boxed values: the same predicate the per-contact
 * evaluator uses, so the semantics are shared, not re-implemented.
 * @example testColumn(plan, dict, compileValuePredicate({ operator: "eq", value: "pro" }), now, 0, n, out, 0)
 */
export function testColumn(
  column: ValueColumn | undefined,
  dict: StringDictionary,
  pred: ValuePredicate,
  now: number,
  from: number,
  to: number,
  out: Uint8Array,
  offset: number,
): void {
  const missing = pred(undefined, Number.NaN, now) ? 1 : 0;
  const end = Math.min(to, column?.kind.length ?? 0);
  if (column === undefined || end <= from) {
    out.fill(missing, from - offset, to - offset);
    return;
  }
  const isTrue = pred(true, Number.NaN, now) ? 1 : 0;
  const isFalse = pred(false, Number.NaN, now) ? 1 : 0;
  // Per dictionary code: -1 not yet tested, else 0/1.
  const strings = new Int8Array(dict.size).fill(-1);
  const { kind, num, code } = column;
  for (let i = from; i < end; i++) {
    let r: number;
    switch (kind[i]) {
      case Kind.NUMBER: {
        const v = (num as Float64Array)[i];
        r = pred(v, Number.isFinite(v) ? Math.trunc(v) : Number.NaN, now) ? 1 : 0;
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
        r = isTrue;
        break;
      case Kind.FALSE:
        r = isFalse;
        break;
      case Kind.BOXED:
        r = pred(column.boxed.get(i), Number.NaN, now) ? 1 : 0;
        break;
      default:
        r = missing;
    }
    out[i - offset] = r;
  }
  if (end < to) out.fill(missing, end - offset, to - offset);
}
