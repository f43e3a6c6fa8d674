/** A path into a JSON value: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/**
 * An RFC 6901 JSON Pointer for a path: `~` is written `~0` and `/` is written `~1`.
 * @example toJsonPointer(["children", 2, "a/b"]) // "/children/2/a~1b"
 */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    out += `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`;
  }
  return out;
}
