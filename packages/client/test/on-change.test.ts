import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planIs } from "../../server/test/http/support/api-client.ts";
import { T0 } from "../../server/test/http/support/test-app.ts";
import {
  ChangeHandlerError,
  type ChangeOptions,
  type SegmentChange,
  type Unsubscribe,
} from "../src/index.ts";
import { type LiveApp, startLiveApp } from "./support/live-app.ts";

let live: LiveApp;
const subscriptions: Unsubscribe[] = [];
beforeEach(async () => {
  live = await startLiveApp();
  await live.t.a.createSegment({ id: "pros", name: "Pros", rule: planIs("pro") });
  await live.t.a.createSegment({ id: "teams", name: "Teams", rule: planIs("team") });
});
afterEach(async () => {
  await Promise.all(subscriptions.splice(0).map((stop) => stop()));
  await live.close();
});

const identify = (userId: string, plan: string) =>
  live.api.batch([{ type: "identify", userId, traits: { plan } }]);

/** Subscribes and resolves once the stream is connected; `received` fills as changes arrive. */
async function follow(options: ChangeOptions = {}, onChange?: (c: SegmentChange) => void) {
  const received: SegmentChange[] = [];
  const errors: { error: unknown; fatal: boolean }[] = [];
  let opens = 0;
  let opened!: () => void;
  const open = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const stop = live.segments.onChange(
    (c) => {
      onChange?.(c);
      received.push(c);
    },
    {
      reconnectDelayMs: 10,
      ...options,
      onOpen: () => {
        opens++;
        opened();
      },
      onError: (error, { fatal }) => errors.push({ error, fatal }),
    },
  );
  subscriptions.push(stop);
  await open;
  return { received, errors, opens: () => opens, stop };
}

const until = (check: () => boolean) => expect.poll(check, { timeout: 10_000, interval: 5 }).toBe(true);

describe("onChange", () => {
  it("receives entries and exits live, as change records in seq order", async () => {
    const { received } = await follow();
    await identify("u1", "pro");
    await identify("u1", "team");
    await until(() => received.length === 3);
    const at = new Date(T0).toISOString();
    expect(received).toEqual([
      { seq: 1, segment_id: "pros", contact_id: "u1", change: "entered", at },
      { seq: 2, segment_id: "pros", contact_id: "u1", change: "exited", at },
      { seq: 3, segment_id: "teams", contact_id: "u1", change: "entered", at },
    ]);
  });

  it("follows one segment, and replays the log after lastEventId", async () => {
    await identify("u1", "pro");
    await identify("u2", "team");
    const teams = await follow({ segmentId: "teams" });
    const replay = await follow({ lastEventId: 1 });
    await identify("u3", "team");
    await until(() => teams.received.length === 1 && replay.received.length === 2);
    expect(teams.received.map((c) => c.contact_id)).toEqual(["u3"]);
    expect(replay.received.map((c) => c.seq)).toEqual([2, 3]);
  });

  it("loses nothing and repeats nothing across connections cut server-side while changes keep coming", async () => {
    const sub = await follow();
    let cuts = 0;
    for (let round = 0; round < 5; round++) {
      // Each round's changes are being committed and streamed while the connection is cut.
      const changes = Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          identify(`u${(round * 30 + i) % 9}`, i % 2 === 0 ? "pro" : "team"),
        ),
      );
      const opened = sub.opens();
      await new Promise((r) => setTimeout(r, round));
      if (live.cutConnections() > 0) cuts++;
      await changes;
      await until(() => sub.opens() > opened);
    }
    const log = await live.t.store.changes("a", 0, 10_000);
    expect(log.length).toBeGreaterThan(100);
    await until(() => sub.received.length >= log.length);
    expect(sub.received.map((c) => c.seq)).toEqual(log.map((c) => c.seq));
    expect(cuts).toBe(5);
    expect(sub.errors.every((e) => !e.fatal)).toBe(true);
  });

  it("gives a change again when its handler threw, then moves on", async () => {
    let failures = 0;
    const sub = await follow({}, (c) => {
      if (c.seq === 2 && failures++ === 0) throw new Error("the mail provider is down");
    });
    await identify("u1", "pro");
    await identify("u2", "pro");
    await identify("u3", "pro");
    await until(() => sub.received.length === 3);
    expect(sub.received.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(sub.errors).toHaveLength(1);
    expect(sub.errors[0].error).toBeInstanceOf(ChangeHandlerError);
    expect(sub.errors[0].fatal).toBe(false);
  });

  it("reconnects when the stream goes quiet for longer than idleTimeoutMs, and resumes", async () => {
    // The fake clock never moves here, so the server sends no heartbeat.
    const sub = await follow({ idleTimeoutMs: 150 });
    await identify("u1", "pro");
    await until(() => sub.opens() >= 2);
    await identify("u2", "pro");
    await until(() => sub.received.length === 2);
    expect(sub.received.map((c) => c.seq)).toEqual([1, 2]);
    expect(String(sub.errors[0].error)).toMatch(/sent nothing for 150 ms/);
    expect(sub.errors.every((e) => !e.fatal)).toBe(true);
  });

  it("stops receiving once unsubscribed", async () => {
    const sub = await follow();
    await identify("u1", "pro");
    await until(() => sub.received.length === 1);
    await sub.stop();
    await identify("u2", "pro");
    const other = await follow({ lastEventId: 1 });
    await until(() => other.received.length === 1);
    expect(sub.received).toHaveLength(1);
  });
});
