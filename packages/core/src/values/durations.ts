import type { Duration, TimeUnit } from "../schema/primitives.ts";

const UNIT_MS: Record<TimeUnit, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/**
 * A duration's fixed length in ms (a day is always 86,400 s: no calendar or DST arithmetic).
 * @example durationMs({ amount: 7, unit: "day" }) // 604800000
 */
export function durationMs(d: Duration): number {
  return d.amount * UNIT_MS[d.unit];
}
