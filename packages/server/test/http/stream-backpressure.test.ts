import { Readable } from "node:stream";
import { setImmediate as turn } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import { sseChunks } from "../../src/http/stream/sse-chunks.ts";
import { STREAM_DEFAULTS } from "../../src/http/stream/stream-settings.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import { emptyBatch } from "../../src/store/write-batch.ts";

let store: SqliteStore;
let reads: number;
beforeEach(async () => {
  store = new SqliteStore({ path: ":memory:" });
  await store.migrate();
  await store.createWorkspace({ id: "w", name: "W", apiKeyHash: "h", createdAt: 0 });
  const changes = Array.from({ length: 5_000 }, (_, i) => ({
    segmentId: "s",
    contactId: `c${i}`,
    change: "entered" as const,
    at: i,
    segmentVersion: 1,
  }));
  await store.commit({ ...emptyBatch("w"), changes });
  reads = 0;
  const changesOf = store.changes.bind(store);
  store.changes = (...args) => {
    reads++;
    return changesOf(...args);
  };
});
afterEach(() => store.close());

describe("the SSE body under back-pressure", () => {
  it("reads the log only as fast as the client takes it", async () => {
    const stop = new AbortController();
    const feed = {
      store,
      clock: new FakeClock(0),
      workspaceId: "w",
      segments: null,
      after: 0,
      subscribe: () => () => {},
    };
    const body = Readable.from(sseChunks(feed, { ...STREAM_DEFAULTS, pageSize: 100 }, stop.signal));
    let received = 0;
    body.on("data", () => received++);
    body.pause(); // a client that stopped reading
    for (let i = 0; i < 50; i++) await turn();
    const whilePaused = reads;
    expect(whilePaused).toBeLessThanOrEqual(2); // 5,000 changes wait in the log, not in memory
    body.resume();
    await new Promise<void>((resolve) => body.on("data", () => reads >= 50 && resolve()));
    stop.abort();
    body.destroy();
    expect(received).toBeGreaterThan(40);
  });
});
