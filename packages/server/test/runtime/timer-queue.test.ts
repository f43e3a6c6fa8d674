/**
 * The timer queue against a plain map of due instants: whatever is set, cleared, staged and
 * taken, `popDue` hands out exactly the contacts due by then, earliest first, and a staged
 * value only with the instant it was staged for.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TimerQueue } from "../../src/runtime/timer-queue.ts";

/** Rows as the runtime gives them (dataset rows), some past the queue's first array. */
const ROWS = [0, 1, 2, 5, 1_023, 4_000];
const ID = fc.constantFrom(...ROWS);
const AT = fc.integer({ min: 0, max: 40 });
type Op =
  | { op: "set"; id: number; at: number | null }
  | { op: "stage"; until: number }
  | { op: "pop"; now: number; limit: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), id: ID, at: fc.option(AT, { nil: null }) }),
  fc.record({ op: fc.constant("stage" as const), until: AT }),
  fc.record({ op: fc.constant("pop" as const), now: AT, limit: fc.integer({ min: 1, max: 8 }) }),
);

describe("TimerQueue", () => {
  it("takes what is due, earliest first, with values staged for that very instant", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const q = new TimerQueue<string>();
        const model = new Map<number, number>();
        /** Contacts staged at their current instant and not set or taken since. */
        const untouched = new Map<number, number>();
        for (const o of ops) {
          if (o.op === "set") {
            q.set(o.id, o.at);
            if (o.at === null) model.delete(o.id);
            else model.set(o.id, o.at);
            if (untouched.get(o.id) !== o.at) untouched.delete(o.id);
          } else if (o.op === "stage") {
            q.stageUntil(o.until, Number.POSITIVE_INFINITY, (id, at) => {
              expect(model.get(id)).toBe(at);
              untouched.set(id, at);
              return `${id}@${at}`;
            });
          } else {
            const taken: [number, number][] = [];
            q.popDue(o.now, o.limit, (id, at, staged) => {
              if (staged !== undefined) expect(staged).toBe(`${id}@${at}`);
              if (untouched.get(id) === at) expect(staged).toBe(`${id}@${at}`);
              untouched.delete(id);
              taken.push([id, at]);
            });
            const due = [...model].filter(([, at]) => at <= o.now).sort((x, y) => x[1] - y[1]);
            expect(taken.length).toBe(Math.min(o.limit, due.length));
            // Earliest first; ties in any order, but never one due later before one due earlier.
            for (const [id, at] of taken) {
              expect(model.get(id)).toBe(at);
              model.delete(id);
            }
            const ats = taken.map(([, at]) => at);
            expect(ats).toEqual([...ats].sort((x, y) => x - y));
            const left = [...model.values()].filter((at) => at <= o.now);
            if (left.length > 0) expect(Math.min(...left)).toBeGreaterThanOrEqual(ats.at(-1) ?? 0);
          }
          const earliest = Math.min(...model.values());
          expect(q.peek()).toBe(Number.isFinite(earliest) ? earliest : null);
          expect(q.size).toBe(model.size);
          for (const id of ROWS) expect(q.get(id)).toBe(model.get(id));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("stages up to a limit, in due order, and peekUnstaged skips what is staged", () => {
    const q = new TimerQueue<number>();
    for (const [row, at] of [
      [7, 30],
      [8, 10],
      [9, 20],
    ] as const)
      q.set(row, at);
    const staged: number[] = [];
    expect(q.stageUntil(25, 1, (id) => staged.push(id))).toBe(1);
    expect(q.stageUntil(25, 5, (id) => staged.push(id))).toBe(1);
    expect(staged).toEqual([8, 9]);
    expect(q.peek()).toBe(10);
    expect(q.peekUnstaged()).toBe(30);
    expect(q.stagedCount).toBe(2);
    q.unstageAll();
    const values: (number | undefined)[] = [];
    expect(q.popDue(100, 10, (_, __, v) => values.push(v))).toBe(3);
    expect(values).toEqual([undefined, undefined, undefined]);
    expect(q.peek()).toBeNull();
  });

  it("drops stale entries a slice at a time, never all at once", () => {
    const q = new TimerQueue<string>();
    for (let i = 0; i < 1_000; i++) q.set(i, 500);
    // Everyone is rescheduled earlier: 1,000 live entries at 10, 1,000 stale ones at 500.
    for (let i = 0; i < 1_000; i++) q.set(i, 10);
    let staged = 0;
    const stage = () => {
      staged++;
      return "v";
    };
    expect(q.stageUntil(20, 5_000, stage)).toBe(1_000);
    expect(staged).toBe(1_000);
    // The stale ones lie past the horizon: nothing is taken, and peek does not touch them.
    expect(q.stageUntil(20, 10, stage)).toBe(0);
    expect(q.peek()).toBe(10);
    expect(q.peekUnstaged()).toBe(500);
    // Within the horizon, each call takes at most its limit of them, staging none.
    expect(q.stageUntil(600, 10, stage)).toBe(10);
    expect(staged).toBe(1_000);
    let calls = 0;
    while (q.stageUntil(600, 100, stage) > 0) calls++;
    expect(calls).toBe(10);
    expect(q.peekUnstaged()).toBeNull();
    expect(q.popDue(10, 5_000, () => {})).toBe(1_000);
  });

  it("refuses a row that is not a natural number, and clears rows it never held", () => {
    const q = new TimerQueue();
    expect(() => q.set(-1, 5)).toThrow(RangeError);
    expect(() => q.set(1.5e6 + 0.5, 5)).toThrow(RangeError);
    q.set(50_000, null);
    expect(q.size).toBe(0);
    q.set(50_000, 7);
    expect(q.get(50_000)).toBe(7);
    expect(q.get(49_999)).toBeUndefined();
    expect(q.size).toBe(1);
  });
});
