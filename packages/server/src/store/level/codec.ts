import { toJson } from "../json.ts";
import type { ListRecord, SegmentRecord, StoredEvent, StoredScore, StoredTrait } from "../records.ts";

/**
 * Values of the LevelDB store. Each check here stands in for a column type of the SQL stores,
 * so that all adapters refuse the same batches: integers where SQL has INTEGER, JSON that
 * round-trips, no NaN.
 */

export function integer(n: unknown, what: string): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n)) throw new TypeError(`${what} must be an integer`);
  return n;
}

/** A trait: "<ts>" when removed (null), else "<ts> <json>". */
export function encodeTrait(value: unknown, ts: number): string {
  return value === null ? String(ts) : `${ts} ${toJson(value, "trait value")}`;
}

export function decodeTrait(key: string, text: string): StoredTrait {
  const space = text.indexOf(" ");
  if (space < 0) return { key, value: null, ts: Number(text) };
  return { key, value: JSON.parse(text.slice(space + 1)), ts: Number(text.slice(0, space)) };
}

export function traitTs(text: string): number {
  const space = text.indexOf(" ");
  return Number(space < 0 ? text : text.slice(0, space));
}

/** A score: "<ts> <value>"; Infinity survives (as in a SQL double), NaN does not. */
export function encodeScore(value: number, ts: number): string {
  if (typeof value !== "number" || Number.isNaN(value)) throw new TypeError("a score value must be a number");
  return `${ts} ${value}`;
}

export function decodeScore(score: string, text: string): StoredScore {
  const space = text.indexOf(" ");
  return { score, value: Number(text.slice(space + 1)), ts: Number(text.slice(0, space)) };
}

export function encodeEvent(event: string, properties: Record<string, unknown>): string {
  return toJson([event, properties], "event properties");
}

export function decodeEvent(text: string, timestamp: number): StoredEvent {
  const [event, properties] = JSON.parse(text) as [string, Record<string, unknown>];
  return { event, timestamp, properties };
}

export function encodeSegment(s: SegmentRecord): string {
  for (const [n, what] of [
    [s.version, "version"],
    [s.createdAt, "createdAt"],
    [s.updatedAt, "updatedAt"],
  ] as const)
    integer(n, `a segment's ${what}`);
  return toJson(s, "segment");
}

export function encodeList(l: ListRecord): string {
  integer(l.createdAt, "a list's createdAt");
  return toJson(l, "list");
}

/** Catalog records are stored whole, as JSON. */
export function decodeRecord<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Orders catalog records as the SQL stores list them: by creation time, then id. */
export function byCreation<T extends { createdAt: number; id: string }>(a: T, b: T): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
