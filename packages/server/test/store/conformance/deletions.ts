import { describe, expect, it } from "vitest";
import type { Store } from "../../../src/store/store.ts";
import { batch, change, type Harness, member, newWorkspace, segment } from "./harness.ts";

/** Two contacts with every kind of fact, both members of s1, c1 also of s2, with their changes. */
async function twoContacts(store: Store): Promise<string> {
  const ws = await newWorkspace(store);
  const ids = ["c1", "c2"];
  await store.commit(
    batch(ws, {
      segments: [segment(ws, "s1"), segment(ws, "s2")],
      lists: [{ workspaceId: ws, id: "l1", name: "L", createdAt: 1 }],
      contacts: ids.map((id) => ({ id, createdAt: 1 })),
      traits: ids.map((contactId) => ({ contactId, key: "plan", value: "pro", ts: 1 })),
      scores: ids.map((contactId) => ({ contactId, score: "lead", value: 5, ts: 1 })),
      events: ids.map((contactId) => ({ contactId, event: "paid", timestamp: 1, properties: { n: 1 } })),
      listMembers: ids.map((contactId) => ({ listId: "l1", contactId, member: true })),
      memberships: [member("s1", "c1", 10), member("s1", "c2", 10), member("s2", "c1", 10)],
      changes: [
        change("s1", "c1", "entered", 10),
        change("s1", "c2", "entered", 10),
        change("s2", "c1", "entered", 10),
      ],
    }),
  );
  return ws;
}

export function deletionTests(h: Harness): void {
  describe("deletions", () => {
    it("deletes a contact with its facts and current memberships, and keeps its change log", async () => {
      const ws = await twoContacts(h.store);
      const c2Before = await h.store.getContact(ws, "c2");
      await h.store.commit(batch(ws, { deletedContacts: ["c1"] }));

      expect(await h.store.getContact(ws, "c1")).toBeUndefined();
      expect(await h.store.contactCount(ws)).toBe(1);
      expect(await h.store.contactMemberships(ws, "c1")).toEqual([]);
      expect(await h.store.memberCount(ws, "s1")).toBe(1);
      expect((await h.store.members(ws, "s1", 10)).data.map((m) => m.contactId)).toEqual(["c2"]);
      expect(await h.store.memberCount(ws, "s2")).toBe(0);
      expect((await h.store.changes(ws, 0, 10)).filter((x) => x.contactId === "c1")).toHaveLength(2);
      expect(await h.store.membershipAt(ws, "s1", "c1", 10)).toEqual({ member: true, since: 10 });
      expect(await h.store.getContact(ws, "c2")).toEqual(c2Before);
    });

    it("re-creates a deleted contact with nothing of its past", async () => {
      const ws = await twoContacts(h.store);
      await h.store.commit(batch(ws, { deletedContacts: ["c1"] }));
      await h.store.commit(batch(ws, { contacts: [{ id: "c1", createdAt: 50 }] }));
      expect(await h.store.getContact(ws, "c1")).toEqual({
        id: "c1",
        createdAt: 50,
        traits: [],
        scores: [],
        lists: [],
        events: [],
      });
    });

    it("applies a batch's deletions after its writes: the deleted contact is gone", async () => {
      const ws = await twoContacts(h.store);
      await h.store.commit(
        batch(ws, {
          contacts: [{ id: "c3", createdAt: 2 }],
          traits: [{ contactId: "c3", key: "plan", value: "x", ts: 2 }],
          events: [{ contactId: "c3", event: "e", timestamp: 2, properties: {} }],
          memberships: [member("s1", "c3", 2)],
          deletedContacts: ["c3"],
        }),
      );
      expect(await h.store.getContact(ws, "c3")).toBeUndefined();
      expect(await h.store.memberCount(ws, "s1")).toBe(2);
    });

    it("deletes a segment with its current memberships, and keeps its change log", async () => {
      const ws = await twoContacts(h.store);
      await h.store.commit(batch(ws, { deletedSegments: ["s1"] }));
      expect(await h.store.memberCount(ws, "s1")).toBe(0);
      expect(await h.store.members(ws, "s1", 10)).toEqual({ data: [], next: null });
      expect((await h.store.contactMemberships(ws, "c1")).map((m) => m.segmentId)).toEqual(["s2"]);
      expect(await h.store.changes(ws, 0, 10, "s1")).toHaveLength(2);
      expect(await h.store.memberCount(ws, "s2")).toBe(1);
      expect((await h.store.getContact(ws, "c1"))?.traits).toHaveLength(1);
    });
  });
}
