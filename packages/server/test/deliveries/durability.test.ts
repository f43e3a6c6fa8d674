import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import { Receiver } from "./support/receiver.ts";
import { Rig } from "./support/rig.ts";
import { verified } from "./support/verify.ts";

const dir = mkdtempSync(join(tmpdir(), "segments-webhooks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let receiver: Receiver;
beforeEach(async () => {
  receiver = await Receiver.start();
});
afterEach(() => receiver.close());

describe("webhook cursor across a restart", () => {
  it("resumes where it stopped: no change lost, none delivered twice after its 2xx", async () => {
    const path = join(dir, "restart.db");
    const before = await Rig.start({ store: new SqliteStore({ path }) });
    const hook = await before.addWebhook("a", receiver.url);
    await before.plans("a", { u1: "pro", u2: "pro", u3: "pro" });
    await before.events.until("delivered", (e) => e.seq === 3);
    receiver.script = (n) => (n === 3 ? 503 : 200);
    await before.plans("a", { u4: "pro", u5: "pro" });
    const failed = await before.events.until("failed");
    expect(failed.seq).toBe(4);
    await before.close();
    // Changes committed while no worker runs are in the log, and so are delivered later.
    const offline = await Rig.start({
      store: new SqliteStore({ path }),
      clock: new FakeClock(before.clock.now()),
    });
    await offline.deliveries.close();
    await offline.plans("a", { u6: "pro" });
    await offline.close();

    const after = await Rig.start({
      store: new SqliteStore({ path }),
      clock: new FakeClock(before.clock.now()),
    });
    try {
      after.clock.advanceTo(failed.retryAt); // the stored retry time holds across the restart
      await after.events.until("delivered", (e) => e.seq === 6);
      const id = (seq: number) => `${hook.id}_${seq}`;
      expect(receiver.ids()).toEqual([1, 2, 3, 4, 4, 5, 6].map(id));
      const retry = receiver.received[4];
      expect(Number(retry.headers["webhook-timestamp"])).toBe(Math.floor(failed.retryAt / 1000));
      const answered = receiver.received.filter((r) => r.status === 200).map((r) => r.headers["webhook-id"]);
      expect(answered).toEqual([1, 2, 3, 4, 5, 6].map(id));
      for (const r of receiver.received) verified(hook.secret, r);
      expect((await after.store.getWebhook("a", hook.id))?.delivery.cursor).toBe(6);
    } finally {
      await after.close();
    }
  });
});
