/** JSON text for a stored value; throws (undoing the batch) on what JSON cannot hold. */
export function toJson(value: unknown, what: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} cannot be stored as JSON`);
  return text;
}
