import { toJson } from "../json.ts";

/** A trait value: SQL NULL is a removal, anything else JSON text. */
export function traitToColumn(value: unknown): string | null {
  return value === null ? null : toJson(value, "trait value");
}

export function traitFromColumn(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}
