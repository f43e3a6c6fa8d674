/**
 * The data a rule is evaluated against. Times are epoch milliseconds (integers).
 */

/** One event as stored: its name, its own time (not the receive time) and its properties. */
export interface RawEvent {
  event: string;
  timestamp: number;
  properties: Readonly<Record<string, unknown>>;
}

/**
 * Everything known about one contact, with properties and scores already resolved to their
 * current value (the greatest message timestamp wins; ties: the last received).
 */
export interface ContactSnapshot {
  id: string;
  properties: Readonly<Record<string, unknown>>;
  scores: Readonly<Record<string, number>>;
  lists: readonly string[];
  events: readonly RawEvent[];
}

/**
 * One ingested message for one contact, in receive order. `identify` merges traits (a `null`
 * trait removes the property); `list` is an edit of a static list's membership.
 */
export type ContactMessage =
  | { type: "identify"; traits: Readonly<Record<string, unknown>>; timestamp: number }
  | { type: "track"; event: string; properties: Readonly<Record<string, unknown>>; timestamp: number }
  | { type: "score"; score: string; value: number; timestamp: number }
  | { type: "list"; list: string; member: boolean };

/** Membership of other segments, as the evaluator of a dependent segment sees it. */
export interface SegmentMembership {
  member: boolean;
  /** Earliest instant after now at which that membership can change with no new data, or null. */
  next: number | null;
}
export type SegmentLookup = (segmentId: string) => SegmentMembership;
