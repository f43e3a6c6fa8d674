/**
 * Keys of the LevelDB store: a family tag, then components, each ended by \x00. Components are
 * escaped (\x00 → \x01\x01, \x01 → \x01\x02) so that any id is safe and keys sort like their
 * components do, byte by byte (UTF-8), as SQLite and PostgreSQL order text with C collation.
 * Integers are a sign digit and 14 hex digits, so that numeric order is key order, negatives included.
 */

const SEP = "\x00";
const OFFSET = 2 ** 53;
/** How long an `int` component is: a sign digit and 14 hex digits. */
export const INT_CHARS = 15;

/** Key families; one letter each. Workspace-scoped families put the workspace id first. */
export const F = {
  workspace: "W",
  workspaceByKey: "H",
  segment: "S",
  list: "T",
  contact: "C",
  trait: "R",
  score: "N",
  event: "E",
  listOfContact: "l",
  contactOfList: "L",
  membership: "m",
  /** Schema 1's change log, a key per change (migrated to runs, see change-runs.ts). */
  change: "c",
  changeOfSegment: "s",
  changeRun: "g",
  segmentChangeRun: "j",
  lastSeq: "q",
  commits: "k",
  /** The greatest timestamp of any trait or score the workspace has stored (see apply-batch.ts). */
  factsUpTo: "u",
  message: "p",
  webhook: "B",
  idempotency: "I",
  idempotencyExpiry: "X",
  meta: "V",
} as const;

export type Family = (typeof F)[keyof typeof F];

export function escapePart(part: string): string {
  return part.includes("\x00") || part.includes("\x01")
    ? part.replaceAll("\x01", "\x01\x02").replaceAll("\x00", "\x01\x01")
    : part;
}

export function unescapePart(part: string): string {
  return part.includes("\x01") ? part.replaceAll("\x01\x01", "\x00").replaceAll("\x01\x02", "\x01") : part;
}

/** An integer component; throws on anything that is not a safe integer (a column type check). */
export function int(n: number, what: string): string {
  if (!Number.isSafeInteger(n)) throw new TypeError(`${what} must be an integer, not ${n}`);
  // A sign digit, then the magnitude (a negative as 2^53 + n: exact, and still in order).
  return n < 0 ? `0${(OFFSET + n).toString(16).padStart(14, "0")}` : `1${n.toString(16).padStart(14, "0")}`;
}

export function fromInt(text: string): number {
  const magnitude = Number.parseInt(text.slice(1), 16);
  return text[0] === "0" ? magnitude - OFFSET : magnitude;
}

/** The key of `family` with these components (strings escaped here; integers via `int`). */
export function key(family: Family, ...parts: string[]): string {
  return extend(family + SEP, ...parts);
}

/** A key (or prefix) with more components after it. */
export function extend(prefix: string, ...parts: string[]): string {
  let k = prefix;
  for (const p of parts) k += escapePart(p) + SEP;
  return k;
}

/** The integer a key ends with (a change's seq), read without splitting the key. */
export function lastInt(k: string): number {
  return fromInt(k.slice(-INT_CHARS - 1, -1));
}

/**
 * Every key that starts with `prefix` (a `key(...)`, so it ends with the separator): below it
 * with its last \x00 raised to \x01, which no longer key starting with the prefix reaches.
 */
export function under(prefix: string): { gte: string; lt: string } {
  return { gte: prefix, lt: through(prefix) };
}

/** The bound just above every key that starts with `prefix` (a `key(...)`). */
export function through(prefix: string): string {
  return `${prefix.slice(0, -1)}\x01`;
}

/** The components of a key after its family tag, unescaped. */
export function parts(k: string): string[] {
  const out = k.split(SEP);
  out.pop();
  out.shift();
  return out.map(unescapePart);
}
