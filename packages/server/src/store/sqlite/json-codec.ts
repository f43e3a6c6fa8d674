/** JSON text for a TEXT column; throws (rolling the batch back) on what JSON cannot hold. */
export function toJson(value: unknown, what: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} cannot be stored as JSON`);
  return text;
}

/** A trait value: SQL NULL is a removal, anything else JSON text. */
export function traitToColumn(value: unknown): string | null {
  return value === null ? null : toJson(value, "trait value");
}

export function traitFromColumn(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}
