import { describe, expect, it } from "vitest";
import type { WriteBatch } from "../../../src/store/write-batch.ts";
import { batch, change, type Harness, member, newWorkspace, segment } from "./harness.ts";
import { snapshot } from "./snapshot.ts";

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;

/** One bad item each, among valid writes of every kind (whatever order an adapter applies them in). */
const BAD_PARTS: [string, Partial<WriteBatch>][] = [
  [
    "a trait value JSON cannot hold (a BigInt)",
    { traits: [{ contactId: "c1", key: "big", value: 10n, ts: 5 }] },
  ],
  [
    "event properties JSON cannot hold (a cycle)",
    { events: [{ contactId: "c1", event: "bad", timestamp: 5, properties: cyclic }] },
  ],
  [
    "a change at NaN",
    { changes: [change("s1", "c1", "entered", 5), change("s1", "c0", "exited", Number.NaN)] },
  ],
];

const probe = { contacts: ["c0", "c1"], segments: ["s1", "s2"], messages: ["m0", "m1"] };

export function atomicityTests(h: Harness): void {
  describe("commit atomicity", () => {
    it("counts the commits of each workspace; a failed commit is not counted", async () => {
      const ws = await newWorkspace(h.store);
      const other = await newWorkspace(h.store);
      expect(await h.store.commitCount(ws)).toBe(0);
      await h.store.commit(batch(ws, { messageIds: ["m0"] }));
      await h.store.commit(batch(ws, { contacts: [{ id: "c0", createdAt: 1 }] }));
      await expect(h.store.commit(batch(ws, BAD_PARTS[0][1]))).rejects.toThrow();
      await h.store.commit(batch(other, { messageIds: ["m0"] }));
      expect(await h.store.commitCount(ws)).toBe(2);
      expect(await h.store.commitCount(other)).toBe(1);
    });

    it.each(BAD_PARTS)("leaves nothing behind when a batch fails: %s", async (_, bad) => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(
        batch(ws, {
          messageIds: ["m0"],
          segments: [segment(ws, "s1")],
          contacts: [{ id: "c0", createdAt: 1 }],
          traits: [{ contactId: "c0", key: "plan", value: "free", ts: 1 }],
          memberships: [member("s1", "c0", 1)],
          changes: [change("s1", "c0", "entered", 1)],
        }),
      );
      const before = await snapshot(h.store, ws, probe);

      const failing = batch(ws, {
        messageIds: ["m1"],
        segments: [segment(ws, "s1", { version: 2 }), segment(ws, "s2")],
        lists: [{ workspaceId: ws, id: "l1", name: "L", createdAt: 2 }],
        contacts: [{ id: "c1", createdAt: 2 }],
        traits: [
          { contactId: "c0", key: "plan", value: "pro", ts: 2 },
          { contactId: "c1", key: "plan", value: "pro", ts: 2 },
        ],
        scores: [{ contactId: "c1", score: "lead", value: 3, ts: 2 }],
        events: [{ contactId: "c1", event: "paid", timestamp: 2, properties: {} }],
        listMembers: [{ listId: "l1", contactId: "c0", member: true }],
        memberships: [member("s1", "c1", 2), member("s1", "c0", 1, false)],
        changes: [change("s1", "c1", "entered", 2), change("s1", "c0", "exited", 2)],
        ...bad,
      });
      await expect(h.store.commit(failing)).rejects.toThrow();
      expect(await snapshot(h.store, ws, probe)).toEqual(before);

      const next = await h.store.commit(batch(ws, { changes: [change("s1", "c0", "exited", 3)] }));
      expect(next).toEqual({ firstSeq: 2, lastSeq: 2 });
    });

    it("a failed delete batch keeps what it would have deleted", async () => {
      const ws = await newWorkspace(h.store);
      const facts = { contacts: [{ id: "c0", createdAt: 1 }], segments: [segment(ws, "s1")] };
      await h.store.commit(batch(ws, { ...facts, memberships: [member("s1", "c0", 1)] }));
      const before = await snapshot(h.store, ws, probe);
      const bad = { contactId: "c0", key: "big", value: 1n, ts: 9 };
      const failing = batch(ws, { traits: [bad], deletedContacts: ["c0"], deletedSegments: ["s1"] });
      await expect(h.store.commit(failing)).rejects.toThrow();
      expect(await snapshot(h.store, ws, probe)).toEqual(before);
    });
  });
}
