/**
 * The key a request presents: `Authorization: Bearer <key>`, or `Basic base64(<key>:)` as the
 * analytics SDKs send their write key (the key as user name, empty password; a key given as
 * the password with an empty user name is taken too). Undefined when there is none.
 */
export function presentedKey(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(authorization);
  if (match === null) return undefined;
  const [, scheme, value] = match;
  switch (scheme.toLowerCase()) {
    case "bearer":
      return value;
    case "basic":
      return basicKey(value);
    default:
      return undefined;
  }
}

function basicKey(encoded: string): string | undefined {
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? "" : decoded.slice(colon + 1);
  const key = user.length > 0 ? user : password;
  return key.length > 0 ? key : undefined;
}
