/** The latency phases' turn figures: every turn and commit counted, and the service's own observer kept. */
import { describe, expect, it } from "vitest";
import type { PipelineObserver } from "../../packages/server/src/pipeline/pipeline-observer.ts";
import { watchTurns } from "../ingest/turn-watch.ts";

describe("turn watch", () => {
  it("collects each turn's evaluation and commit in ms while passing reports on", () => {
    const seen: string[] = [];
    const metrics: PipelineObserver = {
      turn: (ws, t) => seen.push(`turn ${ws} ${t.messages}`),
      commit: (ws, s) => seen.push(`commit ${ws} ${s}`),
      timersLate: (ws, s) => seen.push(`late ${ws} ${s.length}`),
    };
    const pipeline: { observer: PipelineObserver | undefined } = { observer: metrics };
    const watch = watchTurns(pipeline);
    const o = pipeline.observer as PipelineObserver;
    o.turn("w", { messages: 100, timers: 0, evaluateSeconds: 0.002 });
    o.commit("w", 0.003);
    o.turn("w", { messages: 300, timers: 5, evaluateSeconds: 0.006 });
    o.commit("w", 0.009);
    o.timersLate("w", [0.001, 0.002]);
    const f = watch.stop();
    expect(f.turns).toBe(2);
    expect(f.messagesPerTurn).toBe(200);
    expect(f.evaluate).toEqual({ count: 2, p50: 2, p99: 6, max: 6 });
    expect(f.commit.count).toBe(2);
    expect(f.commit.max).toBeCloseTo(9, 10);
    expect(seen).toEqual(["turn w 100", "commit w 0.003", "turn w 300", "commit w 0.009", "late w 2"]);
    expect(pipeline.observer).toBe(metrics);
  });

  it("reports no turns for a quiet phase, and leaves no observer where there was none", () => {
    const pipeline: { observer: PipelineObserver | undefined } = { observer: undefined };
    const f = watchTurns(pipeline).stop();
    expect(f.turns).toBe(0);
    expect(f.messagesPerTurn).toBe(0);
    expect(f.commit.count).toBe(0);
    expect(pipeline.observer).toBeUndefined();
  });
});
