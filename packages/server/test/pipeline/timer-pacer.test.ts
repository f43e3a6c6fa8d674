import { describe, expect, it } from "vitest";
import { TimerPacer } from "../../src/pipeline/timer-pacer.ts";

const pacing = { initial: 1_000, min: 100, max: 5_000, budgetMs: 35 };

describe("timer pacing", () => {
  it("shrinks after a slow turn, halfway to what would have fit the budget", () => {
    const p = new TimerPacer(pacing);
    // 1,000 timers in 140 ms: 250 would have fit 35 ms.
    p.observe(1_000, 140, true);
    expect(p.cap).toBe(625);
    p.observe(625, 87.5, true);
    expect(p.cap).toBe(438);
  });

  it("shrinks after a slow turn even when the cap did not limit it", () => {
    const p = new TimerPacer(pacing);
    p.observe(400, 70, false);
    expect(p.cap).toBe(600);
  });

  it("grows only after a fast turn that the cap limited", () => {
    const p = new TimerPacer(pacing);
    p.observe(300, 5, false);
    expect(p.cap).toBe(1_000);
    p.observe(1_000, 17.5, true);
    expect(p.cap).toBe(1_500);
  });

  it("stays within its bounds and ignores turns that say nothing", () => {
    const p = new TimerPacer(pacing);
    for (let i = 0; i < 20; i++) p.observe(p.cap, 1, true);
    expect(p.cap).toBe(5_000);
    for (let i = 0; i < 20; i++) p.observe(p.cap, 10_000, true);
    expect(p.cap).toBe(100);
    p.observe(0, 50, true);
    p.observe(100, 0, true);
    p.observe(100, Number.NaN, true);
    expect(p.cap).toBe(100);
    expect(new TimerPacer({ ...pacing, initial: 50_000 }).cap).toBe(5_000);
  });
});
