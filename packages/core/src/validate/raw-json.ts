/**
 * Safe reads of untrusted input: only own properties count (a key named "constructor" must not
 * find Object.prototype's), and nothing here ever stringifies an arbitrary object.
 */

export type RawObject = Readonly<Record<string, unknown>>;

export function isRawObject(v: unknown): v is RawObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The own value at `key`, or `undefined` when absent. */
export function ownValue(v: unknown, key: PropertyKey): unknown {
  if (typeof v !== "object" || v === null) return undefined;
  if (Array.isArray(v)) return typeof key === "number" ? v[key] : undefined;
  return Object.hasOwn(v, key) ? (v as Record<PropertyKey, unknown>)[key] : undefined;
}

/** The value at a path, or `undefined` when any step is absent. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const key of path) {
    cur = ownValue(cur, key);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** What a value is, in words a marketer reads: "a number", "an array", "null". */
export function describeJson(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  switch (typeof v) {
    case "string":
      return `the text ${quote(v)}`;
    case "number":
      return Number.isFinite(v) ? `the number ${v}` : "a number that is not finite";
    case "boolean":
      return String(v);
    case "object":
      return "an object";
    default:
      return `a ${typeof v}`;
  }
}

/** A string quoted for a message, shortened when long. */
export function quote(s: string): string {
  return `“${s.length > 60 ? `${s.slice(0, 57)}…` : s}”`;
}

/** `a, b or c` */
export function listOf(items: readonly string[], last = "or"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}

/** A value shown in a message: strings quoted, anything else described. */
export function shown(v: unknown): string {
  return typeof v === "string" ? quote(v) : describeJson(v);
}

/**
 * An unknown option, worded for a typo when it is text.
 * @example oneOf("unit", "days", "minute, hour, day or week") // "Unknown unit “days”: use minute, hour, day or week"
 */
export function oneOf(field: string, value: unknown, options: string): string {
  return typeof value === "string"
    ? `Unknown ${field} ${quote(value)}: use ${options}`
    : `“${field}” must be ${options}, not ${describeJson(value)}`;
}
