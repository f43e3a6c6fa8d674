import type { Group } from "@growthos/segments-core";

/** "Joined the webinar in the last `minutes` minutes": a contact leaves `minutes` min + 1 ms after its last join. */
export function joinedWithin(minutes: number): Group {
  return {
    type: "group",
    combinator: "and",
    children: [
      {
        type: "event",
        event: "webinar.joined",
        operator: "gte",
        value: 1,
        window: { within_last: { amount: minutes, unit: "minute" } },
      },
    ],
  };
}
