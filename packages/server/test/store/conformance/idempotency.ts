import { describe, expect, it } from "vitest";
import type { IdempotencyRecord } from "../../../src/store/store.ts";
import { type Harness, newWorkspace } from "./harness.ts";

const DAY = 86_400_000;
const claim = (workspaceId: string, key: string, fingerprint = "fp-1", createdAt = 10_000) => ({
  workspaceId,
  key,
  fingerprint,
  createdAt,
  expiresAt: createdAt + DAY,
});
const ok = { status: 201, contentType: "application/json; charset=utf-8", body: '{"id":"é😀"}' };

export function idempotencyTests(h: Harness): void {
  describe("idempotency keys", () => {
    it("claims a key once; a second claim gets the record, in flight then with its response", async () => {
      const ws = await newWorkspace(h.store);
      const first = claim(ws, "k-1");
      expect(await h.store.claimIdempotency(first, 10_000, 0)).toBeNull();
      const inFlight: IdempotencyRecord = { ...first, response: null };
      expect(await h.store.claimIdempotency(claim(ws, "k-1", "fp-2", 10_500), 10_500, 0)).toEqual(inFlight);
      await h.store.saveIdempotency(ws, "k-1", ok);
      expect(await h.store.claimIdempotency(claim(ws, "k-1"), 11_000, 0)).toEqual({ ...first, response: ok });
    });

    it("keeps a saved response: a later save or release of the key changes nothing", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.claimIdempotency(claim(ws, "k"), 10_000, 0);
      await h.store.saveIdempotency(ws, "k", { status: 204, contentType: null, body: "" });
      await h.store.saveIdempotency(ws, "k", ok);
      await h.store.saveIdempotency(ws, "k", null);
      const held = await h.store.claimIdempotency(claim(ws, "k"), 10_000, 0);
      expect(held?.response).toEqual({ status: 204, contentType: null, body: "" });
    });

    it("releases an in-flight claim, so that the key can be claimed again", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.claimIdempotency(claim(ws, "k", "fp-1"), 10_000, 0);
      await h.store.saveIdempotency(ws, "k", null);
      expect(await h.store.claimIdempotency(claim(ws, "k", "fp-2"), 10_000, 0)).toBeNull();
      expect((await h.store.claimIdempotency(claim(ws, "k"), 10_000, 0))?.fingerprint).toBe("fp-2");
    });

    it("frees a key once its record expires, and an in-flight claim once it is stale", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.claimIdempotency(claim(ws, "done"), 10_000, 0);
      await h.store.saveIdempotency(ws, "done", ok);
      await h.store.claimIdempotency(claim(ws, "stuck"), 10_000, 0);
      // Still live one ms before expiry; an in-flight claim is not stale at its own creation time.
      expect(await h.store.claimIdempotency(claim(ws, "done"), 10_000 + DAY - 1, 0)).not.toBeNull();
      expect(await h.store.claimIdempotency(claim(ws, "stuck"), 20_000, 10_000)).not.toBeNull();
      const later = 10_000 + DAY;
      expect(await h.store.claimIdempotency(claim(ws, "done", "fp-2", later), later, 0)).toBeNull();
      expect(await h.store.claimIdempotency(claim(ws, "stuck", "fp-2", 20_000), 20_000, 10_001)).toBeNull();
    });

    it("gives exactly one of several concurrent claims of a key", async () => {
      const ws = await newWorkspace(h.store);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          h.store.claimIdempotency(claim(ws, "race", `fp-${i}`), 10_000, 0),
        ),
      );
      const winners = results.filter((r) => r === null);
      expect(winners).toHaveLength(1);
      const winner = `fp-${results.indexOf(null)}`;
      for (const r of results) if (r !== null) expect(r.fingerprint).toBe(winner);
    });

    it("keeps workspaces apart: the same key is a different record in each", async () => {
      const [a, b] = [await newWorkspace(h.store), await newWorkspace(h.store)];
      await h.store.claimIdempotency(claim(a, "k", "fp-a"), 10_000, 0);
      await h.store.saveIdempotency(a, "k", ok);
      expect(await h.store.claimIdempotency(claim(b, "k", "fp-b"), 10_000, 0)).toBeNull();
      await h.store.saveIdempotency(b, "k", null);
      expect((await h.store.claimIdempotency(claim(a, "k"), 10_000, 0))?.response).toEqual(ok);
      // The admin key's calls are kept under the empty workspace id.
      expect(await h.store.claimIdempotency(claim("", "k", "fp-admin"), 10_000, 0)).toBeNull();
      expect((await h.store.claimIdempotency(claim("", "k"), 10_000, 0))?.fingerprint).toBe("fp-admin");
    });
  });
}
