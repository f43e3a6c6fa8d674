/** The paced senders stamp what they send with the service's clock, never after it. */
import { describe, expect, it } from "vitest";
import type { IngestMessage } from "../../packages/server/src/runtime/ingest-message.ts";
import type { Workspace } from "../../packages/server/src/service/workspace.ts";
import { LiveTraffic } from "../ingest/bench-messages.ts";
import { stampAt } from "../ingest/commit-log.ts";
import { pacedSend, probeSend } from "../ingest/paced-sender.ts";

/** A workspace that only checks each message's timestamp against `Date.now()` when it arrives. */
function stampChecker() {
  const late: number[] = [];
  let count = 0;
  const workspace = {
    ingest: async (messages: IngestMessage[]) => {
      const now = Date.now();
      for (const m of messages) {
        count++;
        if ("timestamp" in m && m.timestamp > now) late.push(m.timestamp - now);
      }
      return { accepted: messages.length, duplicates: 0 };
    },
  } as unknown as Workspace;
  return { workspace, late, count: () => count };
}

describe("stamps of the paced senders", () => {
  it("stampAt never goes past Date.now() and keeps an instant in the past", () => {
    const now = Date.now();
    expect(stampAt(now + 5.5)).toBeLessThanOrEqual(Date.now());
    expect(stampAt(now - 1_000.7)).toBe(Math.floor(now - 1_000.7));
  });

  it("pacedSend and probeSend send nothing stamped after the service's clock", async () => {
    const paced = stampChecker();
    await pacedSend(paced.workspace, new LiveTraffic(1, 100, 7), {
      batch: 10,
      intervalMs: 1,
      done: (elapsed) => elapsed > 200,
      maxMs: 1_000,
    });
    const probe = stampChecker();
    const until = Date.now() + 200;
    await probeSend(probe.workspace, new LiveTraffic(2, 100, 7), {
      batch: 10,
      done: () => Date.now() > until,
    });
    expect(paced.count()).toBeGreaterThan(100);
    expect(probe.count()).toBeGreaterThan(100);
    expect([...paced.late, ...probe.late]).toEqual([]);
  });
});
