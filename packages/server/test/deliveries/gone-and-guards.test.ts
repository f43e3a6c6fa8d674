import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Receiver } from "./support/receiver.ts";
import { Rig } from "./support/rig.ts";
import { verified } from "./support/verify.ts";

let receiver: Receiver;
let rig: Rig;
beforeEach(async () => {
  receiver = await Receiver.start();
});
afterEach(async () => {
  await rig.close();
  await receiver.close();
});

/** Lets each failure's retry fall due until `attempts` attempts were made. */
async function failThrough(attempts: number): Promise<void> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const failed = await rig.events.until("failed", (e) => e.attempt === attempt);
    rig.clock.advanceTo(failed.retryAt);
  }
}

describe("410 Gone", () => {
  it("disables a webhook after 3 in a row, records why, and never calls it again", async () => {
    rig = await Rig.start();
    receiver.script = () => 410;
    const hook = await rig.addWebhook("a", receiver.url);
    await rig.plans("a", { u1: "pro" });
    await failThrough(2);
    const disabled = await rig.events.until("disabled");
    expect(disabled).toMatchObject({ webhookId: hook.id, seq: 1 });
    expect(disabled.reason).toBe("the endpoint answered 410 Gone 3 times in a row");
    expect((await rig.store.getWebhook("a", hook.id))?.delivery).toMatchObject({
      cursor: 0,
      gone: 3,
      nextAttemptAt: null,
      disabledAt: rig.clock.now(),
      disabledReason: disabled.reason,
      lastError: "HTTP 410",
    });
    expect(await rig.failures("gone")).toBe(3);
    rig.clock.advanceBy(24 * 3_600_000);
    await rig.plans("a", { u2: "pro" });
    rig.deliveries.add((await rig.store.getWebhook("a", hook.id))!); // a restart does not revive it
    expect(receiver.received).toHaveLength(3);
  });

  it("counts only 410s in a row: any other answer starts the count again", async () => {
    rig = await Rig.start();
    const answers = [410, 410, 500, 410, 410, 200];
    receiver.script = (n) => answers[n] ?? 200;
    const hook = await rig.addWebhook("a", receiver.url);
    await rig.plans("a", { u1: "pro" });
    await failThrough(5);
    await rig.events.until("delivered");
    expect(rig.events.of("disabled")).toEqual([]);
    expect((await rig.store.getWebhook("a", hook.id))?.delivery).toMatchObject({ cursor: 1, gone: 0 });
  });
});

describe("SEGMENTS_WEBHOOK_DENY_PRIVATE", () => {
  it("refuses at delivery a name that resolves to a private address (DNS rebinding), and literals", async () => {
    const resolve = async (host: string) => [
      { address: host === "v6.test" ? "::1" : "127.0.0.1", family: 4 },
    ];
    rig = await Rig.start({ settings: { denyPrivate: true, resolve } });
    await rig.addWebhook("a", `http://rebound.test:${receiver.port}/hook`);
    await rig.addWebhook("b", `http://127.0.0.1:${receiver.port}/hook`);
    await rig.addWebhook("b", `http://[::ffff:7f00:1]:${receiver.port}/hook`);
    await rig.plans("a", { u1: "pro" });
    await rig.plans("b", { u1: "pro" });
    const byName = await rig.events.until("failed", (e) => e.workspaceId === "a");
    expect(byName.error).toBe(
      "rebound.test (127.0.0.1) is a loopback, private or link-local address, which this server does not call",
    );
    await rig.events.until("failed", (e) => e.webhookId === "wh_b_1");
    const mapped = await rig.events.until("failed", (e) => e.webhookId === "wh_b_2");
    expect(mapped.error).toMatch(/::ffff:7f00:1 is a loopback/);
    expect(await rig.failures("refused")).toBe(3);
    expect(receiver.received).toEqual([]);
  });
});

describe("isolation and filters", () => {
  it("sends each workspace's changes to its own webhooks only, signed with their own secrets", async () => {
    rig = await Rig.start();
    const other = await Receiver.start();
    try {
      const a = await rig.addWebhook("a", receiver.url);
      const b = await rig.addWebhook("b", other.url);
      await rig.plans("a", { u1: "pro", u2: "pro" });
      await rig.plans("b", { u1: "team" });
      await rig.events.until("delivered", (e) => e.webhookId === a.id && e.seq === 2);
      await rig.events.until("delivered", (e) => e.webhookId === b.id && e.seq === 1);
      expect(receiver.ids()).toEqual([`${a.id}_1`, `${a.id}_2`]);
      expect(other.ids()).toEqual([`${b.id}_1`]);
      expect(() => verified(b.secret, receiver.received[0])).toThrow(/signature/);
      expect(verified(b.secret, other.received[0])).toMatchObject({ data: { segment_id: "teams" } });
    } finally {
      await other.close();
    }
  });

  it("delivers only the chosen segments' changes and moves its cursor past the others", async () => {
    rig = await Rig.start();
    const one = await rig.addWebhook("a", receiver.url, ["teams"]);
    const two = await rig.addWebhook("a", receiver.url, ["teams", "frees"]);
    await rig.plans("a", { u1: "pro" });
    await rig.plans("a", { u2: "team" });
    await rig.plans("a", { u3: "free" });
    await rig.plans("a", { u4: "pro" });
    await rig.events.until("delivered", (e) => e.webhookId === one.id);
    await rig.events.until("delivered", (e) => e.webhookId === two.id && e.seq === 3);
    expect(receiver.ids().sort()).toEqual([`${one.id}_2`, `${two.id}_2`, `${two.id}_3`]);
    // One segment reads through its index and never sees the others; several skip them in the log.
    await expect.poll(async () => (await rig.store.getWebhook("a", two.id))?.delivery.cursor).toBe(4);
    expect((await rig.store.getWebhook("a", one.id))?.delivery.cursor).toBe(2);
  });
});
