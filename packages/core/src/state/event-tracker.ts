import { upperBound } from "./sorted.ts";

/**
 * The events of one contact that match one (event name, where-filters) pair: their times in
 * ascending order and, aligned with them, the numeric value of every property some aggregate
 * measures (NaN when missing or not a number). This is all the rules need of those events.
 */
export class EventTracker {
  readonly times: number[] = [];
  readonly values: number[][];

  constructor(measuredProperties: number) {
    this.values = Array.from({ length: measuredProperties }, () => []);
  }

  /** Inserts an event at its own time (late events included); equal times keep arrival order. */
  insert(time: number, measured: readonly number[]): void {
    const i = upperBound(this.times, time);
    if (i === this.times.length) {
      this.times.push(time);
      for (let m = 0; m < this.values.length; m++) this.values[m].push(measured[m]);
      return;
    }
    this.times.splice(i, 0, time);
    for (let m = 0; m < this.values.length; m++) this.values[m].splice(i, 0, measured[m]);
  }

  get first(): number | undefined {
    return this.times[0];
  }

  get last(): number | undefined {
    return this.times.length === 0 ? undefined : this.times[this.times.length - 1];
  }

  byteSize(): number {
    return 48 + 8 * this.times.length * (1 + this.values.length);
  }
}
