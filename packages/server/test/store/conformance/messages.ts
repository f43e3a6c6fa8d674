import { describe, expect, it } from "vitest";
import { batch, type Harness, newWorkspace } from "./harness.ts";

export function messageTests(h: Harness): void {
  describe("processed message ids", () => {
    it("reports exactly the processed ids among those asked; repeats are harmless", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(batch(ws, { messageIds: ["m1", "m2", "m1"] }));
      await h.store.commit(batch(ws, { messageIds: ["m2", "m3"] }));
      expect(await h.store.seenMessageIds(ws, ["m1", "x", "m3", "m1", "y"])).toEqual(new Set(["m1", "m3"]));
      expect(await h.store.seenMessageIds(ws, [])).toEqual(new Set());
    });

    it("answers for long lists of ids", async () => {
      const ws = await newWorkspace(h.store);
      const processed = Array.from({ length: 1_500 }, (_, i) => `p${i}`);
      await h.store.commit(batch(ws, { messageIds: processed }));
      const asked = processed.flatMap((id, i) => [id, `new${i}`]);
      expect(await h.store.seenMessageIds(ws, asked)).toEqual(new Set(processed));
      expect(await h.store.seenMessageIds(ws, asked.slice(0, 7))).toEqual(new Set(["p0", "p1", "p2", "p3"]));
    });
  });
}
