import { parseIsoDate } from "../values/dates.ts";
import { grown } from "./growable.ts";

/**
 * Every distinct string of a dataset, once: columns store its code (an Int32). Each string is
 * read as a date once, when first seen, and predicates on strings run once per distinct string.
 */
export class StringDictionary {
  readonly values: string[] = [];
  /** Per code: the string read as a date (epoch ms), NaN when it is not one. */
  dates = new Float64Array(0);
  private readonly codes = new Map<string, number>();

  /** @example dict.code("free") // the same number for every "free" */
  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.values.push(s) - 1;
      this.dates = grown(this.dates, c + 1);
      this.dates[c] = parseIsoDate(s) ?? Number.NaN;
      this.codes.set(s, c);
    }
    return c;
  }

  get size(): number {
    return this.values.length;
  }
}
