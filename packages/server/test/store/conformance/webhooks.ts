import { describe, expect, it } from "vitest";
import type { WebhookDeliveryState, WebhookRecord } from "../../../src/store/records.ts";
import { type Harness, newWorkspace } from "./harness.ts";

const fresh: WebhookDeliveryState = {
  cursor: 0,
  failures: 0,
  gone: 0,
  nextAttemptAt: null,
  lastError: null,
  disabledAt: null,
  disabledReason: null,
};

function webhook(workspaceId: string, id: string, over: Partial<WebhookRecord> = {}): WebhookRecord {
  const secret = `whsec_${Buffer.from(`secret of ${id}`).toString("base64")}`;
  const base = { url: `https://example.com/hooks/${id}`, segments: null, secret, createdAt: 1_000 };
  return { workspaceId, id, ...base, delivery: { ...fresh }, ...over };
}

export function webhookTests(h: Harness): void {
  describe("webhooks", () => {
    it("creates, lists (oldest first), gets and deletes webhooks", async () => {
      const ws = await newWorkspace(h.store);
      const first = webhook(ws, "wh-b", { createdAt: 5, segments: ["s1", "é😀"] });
      const second = webhook(ws, "wh-a", { createdAt: 7, delivery: { ...fresh, cursor: 42 } });
      await h.store.createWebhook(second);
      await h.store.createWebhook(first);
      expect(await h.store.listWebhooks(ws)).toEqual([first, second]);
      expect(await h.store.getWebhook(ws, "wh-a")).toEqual(second);
      expect(await h.store.deleteWebhook(ws, "wh-a")).toBe(true);
      expect(await h.store.deleteWebhook(ws, "wh-a")).toBe(false);
      expect(await h.store.getWebhook(ws, "wh-a")).toBeUndefined();
      expect(await h.store.listWebhooks(ws)).toEqual([first]);
    });

    it("refuses a second webhook with the same id in a workspace", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.createWebhook(webhook(ws, "wh"));
      await expect(h.store.createWebhook(webhook(ws, "wh"))).rejects.toThrow();
      expect(await h.store.listWebhooks(ws)).toHaveLength(1);
    });

    it("saves the delivery state, never moving the cursor back", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.createWebhook(webhook(ws, "wh", { delivery: { ...fresh, cursor: 3 } }));
      const failing = {
        ...fresh,
        cursor: 9,
        failures: 2,
        gone: 1,
        nextAttemptAt: 5_000,
        lastError: "HTTP 410",
      };
      expect(await h.store.saveWebhookDelivery(ws, "wh", failing)).toBe(true);
      expect((await h.store.getWebhook(ws, "wh"))?.delivery).toEqual(failing);

      const disabled = { ...failing, cursor: 4, disabledAt: 6_000, disabledReason: "410 Gone 3 times" };
      expect(await h.store.saveWebhookDelivery(ws, "wh", disabled)).toBe(true);
      expect((await h.store.getWebhook(ws, "wh"))?.delivery).toEqual({ ...disabled, cursor: 9 });
      expect(await h.store.saveWebhookDelivery(ws, "ghost", fresh)).toBe(false);
    });

    it("keeps each workspace's webhooks to itself, even under the same id", async () => {
      const a = await newWorkspace(h.store);
      const b = await newWorkspace(h.store);
      const ofA = webhook(a, "wh", { url: "https://a.example/hook" });
      await h.store.createWebhook(ofA);
      expect(await h.store.getWebhook(b, "wh")).toBeUndefined();
      expect(await h.store.listWebhooks(b)).toEqual([]);
      expect(await h.store.deleteWebhook(b, "wh")).toBe(false);
      expect(await h.store.saveWebhookDelivery(b, "wh", { ...fresh, cursor: 7 })).toBe(false);

      const ofB = webhook(b, "wh", { url: "https://b.example/hook" });
      await h.store.createWebhook(ofB);
      expect(await h.store.deleteWebhook(b, "wh")).toBe(true);
      expect(await h.store.listWebhooks(a)).toEqual([ofA]);
    });

    it("refuses a webhook for a workspace that does not exist", async () => {
      await expect(h.store.createWebhook(webhook("ghost-workspace", "wh"))).rejects.toThrow();
    });
  });
}
