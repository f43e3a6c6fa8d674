import type { Clock } from "./clock.ts";

/**
 * A clock that moves only when told to: `advance` runs every timer that falls due on the way,
 * in time order, with `now()` equal to each timer's instant while it runs.
 */
export class FakeClock implements Clock {
  private t: number;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;

  constructor(start: number) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  schedule(at: number, fn: () => void): () => void {
    const id = ++this.ids;
    this.timers.push({ at, fn, id });
    return () => {
      this.timers = this.timers.filter((x) => x.id !== id);
    };
  }

  /** Moves time to `to`, running due timers in order (a timer may schedule more). */
  advanceTo(to: number): void {
    for (;;) {
      const due = this.timers.filter((x) => x.at <= to).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((x) => x.id !== due.id);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = Math.max(this.t, to);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.t + ms);
  }

  /** Instants of the pending timers, ascending (for assertions). */
  pending(): number[] {
    return this.timers.map((x) => x.at).sort((a, b) => a - b);
  }
}
