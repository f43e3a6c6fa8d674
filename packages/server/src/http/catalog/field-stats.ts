import { parseIsoDate } from "@growthos/segments-core";
import type { ValueType } from "./catalog-schemas.ts";

const MAX_EXAMPLES = 3;
const MAX_EXAMPLE_JSON = 200;

/** The catalog's type for a JSON value; undefined for null. */
export function valueType(v: unknown): ValueType | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return "array";
  switch (typeof v) {
    case "string":
      return parseIsoDate(v) === undefined ? "string" : "date";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    default:
      return "object";
  }
}

/** What the catalog says about one field: how often each type was seen, and a few values. */
export class FieldStats {
  seen = 0;
  private readonly types = new Map<ValueType, number>();
  private readonly examples = new Map<string, unknown>();

  add(v: unknown): void {
    const type = valueType(v);
    if (type === undefined) return;
    this.seen++;
    this.types.set(type, (this.types.get(type) ?? 0) + 1);
    if (this.examples.size >= MAX_EXAMPLES) return;
    const json = JSON.stringify(v);
    if (json.length <= MAX_EXAMPLE_JSON && !this.examples.has(json)) this.examples.set(json, v);
  }

  view(name: string) {
    const types = [...this.types].sort((a, b) => b[1] - a[1]).map(([t]) => t);
    return { name, type: types[0] ?? "string", types, examples: [...this.examples.values()] };
  }
}
