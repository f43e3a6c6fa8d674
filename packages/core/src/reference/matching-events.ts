import type { RawEvent } from "../model.ts";
import type { EventFilter } from "../schema/conditions.ts";
import type { Window } from "../schema/primitives.ts";
import { lookupProperty } from "../values/property-path.ts";
import { applyOperator } from "./apply-operator.ts";
import { inWindow } from "./event-window.ts";

/**
 * Whether one event passes every `where` filter. Relative-date filters are rejected by
 * validation but still evaluated literally against `now` here.
 * @example passesWhere(event, [{ property: "page", operator: "starts_with", value: "/pricing" }], now)
 */
export function passesWhere(
  event: RawEvent,
  where: readonly EventFilter[] | undefined,
  now: number,
): boolean {
  return (where ?? []).every((filter) =>
    applyOperator(filter, lookupProperty(event.properties, filter.property), now),
  );
}

export interface EventMatch {
  event: string;
  where?: readonly EventFilter[] | undefined;
  window?: Window | undefined;
}

/**
 * Every event (a fresh scan each call) with the given name that passes `where` and lies in `window`.
 * @example matchingEvents(contact.events, { event: "signed_up" }, now) // all signed_up events
 */
export function matchingEvents(events: readonly RawEvent[], match: EventMatch, now: number): RawEvent[] {
  return events.filter(
    (e) =>
      e.event === match.event && passesWhere(e, match.where, now) && inWindow(match.window, e.timestamp, now),
  );
}
