/** The bench's live traffic: replayable for the peer, and never taken for repeats of other traffic. */
import { describe, expect, it } from "vitest";
import { LiveTraffic } from "../ingest/bench-messages.ts";

const NOW = Date.UTC(2026, 11, 8);
const ids = (t: LiveTraffic, n: number) => t.batch(n, NOW).map((m) => m.messageId);

describe("LiveTraffic", () => {
  it("draws the same messages again for the same stream and seed (the peer replays them)", () => {
    expect(new LiveTraffic(3, 1_000, 7).batch(200, NOW)).toEqual(
      new LiveTraffic(3, 1_000, 7).batch(200, NOW),
    );
  });

  it("gives another seed or another stream message ids of their own", () => {
    const first = new Set(ids(new LiveTraffic(3, 1_000, 7), 500));
    expect(first.size).toBe(500);
    for (const other of [new LiveTraffic(3, 1_000, 8), new LiveTraffic(4, 1_000, 7)])
      for (const id of ids(other, 500)) expect(first.has(id)).toBe(false);
  });
});
