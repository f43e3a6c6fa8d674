import { lookupProperty } from "../values/property-path.ts";
import { grown } from "./growable.ts";
import type { StringDictionary } from "./string-dictionary.ts";
import { Kind, ValueColumn } from "./value-column.ts";

/** One top-level trait key: its current value per contact and the timestamp that set it. */
interface TraitColumn {
  column: ValueColumn;
  times: Float64Array;
}

/**
 * Contact properties as columns. Each top-level trait key keeps its latest value (greatest
 * message timestamp; ties: the later message; `null` is a removal that keeps its time). A dotted
 * name (`referrals.count`) that some rule read gets a derived column, resolved as RULES.md says
 * (the literal key, else the dot path) and kept current on every write to either key.
 */
export class TraitStore {
  private readonly traits = new Map<string, TraitColumn>();
  private readonly derived = new Map<string, ValueColumn>();
  /** Top-level key → dotted names whose derived column reads it. */
  private readonly dependents = new Map<string, string[]>();

  constructor(private readonly dict: StringDictionary) {}

  /** Applies one trait of an identify; returns false when a newer value is kept. */
  write(i: number, key: string, value: unknown, timestamp: number): boolean {
    let t = this.traits.get(key);
    if (t === undefined) {
      t = { column: new ValueColumn(this.dict), times: new Float64Array(0) };
      this.traits.set(key, t);
    }
    if (i < t.times.length && t.times[i] > timestamp) return false;
    t.times = grown(t.times, i + 1, Number.NEGATIVE_INFINITY);
    t.times[i] = timestamp;
    if (value === null || value === undefined) t.column.clear(i);
    else t.column.set(i, value);
    for (const name of this.dependents.get(key) ?? [])
      this.resolveInto(this.derived.get(name) as ValueColumn, name, i);
    return true;
  }

  /** The column a rule reads for a property name; undefined when no contact ever had it. */
  column(name: string): ValueColumn | undefined {
    const dot = name.indexOf(".");
    if (dot < 0) return this.traits.get(name)?.column;
    return this.derived.get(name) ?? this.derive(name, name.slice(0, dot));
  }

  byteSize(): number {
    let bytes = 0;
    for (const t of this.traits.values()) bytes += t.column.byteSize() + t.times.byteLength;
    for (const c of this.derived.values()) bytes += c.byteSize();
    return bytes;
  }

  private derive(name: string, head: string): ValueColumn {
    const column = new ValueColumn(this.dict);
    this.derived.set(name, column);
    for (const key of [name, head]) {
      const list = this.dependents.get(key) ?? [];
      list.push(name);
      this.dependents.set(key, list);
    }
    // Only contacts with the literal key or an object under the head can have a value.
    const literal = this.traits.get(name)?.column;
    if (literal !== undefined) {
      for (let i = 0; i < literal.kind.length; i++)
        if (literal.kind[i] !== Kind.ABSENT) this.resolveInto(column, name, i);
    }
    for (const i of this.traits.get(head)?.column.boxed.keys() ?? []) this.resolveInto(column, name, i);
    return column;
  }

  private resolveInto(column: ValueColumn, name: string, i: number): void {
    const literal = this.traits.get(name)?.column.get(i);
    if (literal !== undefined) {
      column.set(i, literal);
      return;
    }
    const head = name.slice(0, name.indexOf("."));
    const root = this.traits.get(head)?.column.get(i);
    const value = root === undefined ? undefined : lookupProperty({ [head]: root }, name);
    if (value === undefined) column.clear(i);
    else column.set(i, value);
  }
}
