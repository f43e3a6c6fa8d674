import type { RawEvent } from "../model.ts";
import type { EventTimeCondition } from "../schema/conditions.ts";
import { matchingEvents } from "./matching-events.ts";

/**
 * The least (`first`) or greatest (`last`) time of the events with the condition's name that
 * pass its `where` (no window), or `undefined` (missing) when there is none.
 * @example eventTime([{ event: "a", timestamp: 5, properties: {} }], { type: "event_time", event: "a", which: "first", operator: "exists" }, 0) // 5
 */
export function eventTime(
  events: readonly RawEvent[],
  condition: EventTimeCondition,
  now: number,
): number | undefined {
  const times = matchingEvents(events, { event: condition.event, where: condition.where }, now).map(
    (e) => e.timestamp,
  );
  if (times.length === 0) return undefined;
  return condition.which === "first"
    ? times.reduce((m, t) => Math.min(m, t))
    : times.reduce((m, t) => Math.max(m, t));
}
