/**
 * The events of one contact that match one (event name, where-filters) pair: their times in
 * ascending order and, aligned with them, the numeric value of every property some aggregate
 * measures (NaN when missing or not a number). A copy out of a state's packed arrays, for
 * explanations and tests; evaluation reads the packed arrays in place.
 */
export class EventTracker {
  constructor(
    readonly times: number[],
    readonly values: number[][],
  ) {}

  get first(): number | undefined {
    return this.times[0];
  }

  get last(): number | undefined {
    return this.times.length === 0 ? undefined : this.times[this.times.length - 1];
  }
}
