/**
 * Dates in rules and data: ISO 8601 strings or epoch milliseconds. Times inside the engine are
 * integer epoch milliseconds.
 */

// YYYY-MM-DD, optionally THH:MM[:SS[.fraction]] and Z or ±HH:MM / ±HHMM. Without an offset: UTC.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Parses an ISO 8601 date/date-time to epoch ms, or `undefined` when it is not one.
 * @example parseIsoDate("2026-01-31") // 1769817600000
 */
export function parseIsoDate(s: string): number | undefined {
  const m = ISO.exec(s);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  if (d > (mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1])) return undefined;
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0").slice(0, 3)); // truncated to ms
  let t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  // Date.UTC maps years 0..99 to 1900..1999; set the year explicitly.
  if (y < 100) t = new Date(t).setUTCFullYear(y);
  const off = m[8];
  if (off !== undefined && off !== "Z") {
    const sign = off[0] === "-" ? -1 : 1;
    const digits = off.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return undefined;
    t -= sign * (oh * 60 + om) * 60_000;
  }
  return t;
}

export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== undefined;
}

/**
 * A data value read as a point in time: an ISO 8601 string or finite epoch milliseconds.
 * Anything else (other strings, booleans, objects) is not a date.
 * @example toEpochMs(1769817600000) // 1769817600000
 */
export function toEpochMs(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v === "string") return parseIsoDate(v);
  return undefined;
}
