import { describe, expect, it } from "vitest";
import type { WriteBatch } from "../../../src/store/write-batch.ts";
import { batch, change, type Harness, member, newWorkspace, segment } from "./harness.ts";
import { snapshot } from "./snapshot.ts";

/** The same ids in every workspace; `n` makes the data differ (B's writes are newer, so LWW would pick them). */
function sameIds(ws: string, n: number, extra: Partial<WriteBatch> = {}): WriteBatch {
  return batch(ws, {
    messageIds: ["m1", `only-${n}`],
    segments: [segment(ws, "s1", { name: `S${n}`, version: n })],
    lists: [{ workspaceId: ws, id: "l1", name: `L${n}`, createdAt: n }],
    contacts: [{ id: "c1", createdAt: n }],
    traits: [{ contactId: "c1", key: "plan", value: `p${n}`, ts: n }],
    scores: [{ contactId: "c1", score: "lead", value: n, ts: n }],
    events: [{ contactId: "c1", event: `e${n}`, timestamp: n, properties: { n } }],
    listMembers: [{ listId: "l1", contactId: "c1", member: true }],
    memberships: [member("s1", "c1", n)],
    changes: [change("s1", "c1", "entered", n, n)],
    ...extra,
  });
}

const probe = { contacts: ["c1", "c2"], segments: ["s1", "s2"], messages: ["m1", "only-1", "only-2", "m-b"] };

export function isolationTests(h: Harness): void {
  describe("workspace isolation", () => {
    it("never shows one workspace's data in another's reads", async () => {
      const a = await newWorkspace(h.store);
      const b = await newWorkspace(h.store);
      await h.store.commit(sameIds(a, 1));
      const aAlone = await snapshot(h.store, a, probe);

      const bOnly = {
        messageIds: ["m1", "only-2", "m-b"],
        segments: [segment(b, "s1", { version: 2 }), segment(b, "s2")],
        contacts: [
          { id: "c1", createdAt: 2 },
          { id: "c2", createdAt: 2 },
        ],
        memberships: [member("s1", "c1", 2), member("s1", "c2", 2), member("s2", "c1", 2)],
        changes: [
          change("s1", "c2", "entered", 2),
          change("s2", "c1", "entered", 2),
          change("s1", "c1", "entered", 2),
        ],
      };
      await h.store.commit(sameIds(b, 2, bOnly));
      await h.store.commit(
        sameIds(b, 3, { segments: [], lists: [], changes: [change("s1", "c2", "exited", 3)] }),
      );
      expect(await snapshot(h.store, a, probe)).toEqual(aAlone);

      expect(aAlone.contacts).toEqual([
        {
          id: "c1",
          createdAt: 1,
          traits: [{ key: "plan", value: "p1", ts: 1 }],
          scores: [{ score: "lead", value: 1, ts: 1 }],
          lists: ["l1"],
          events: [{ event: "e1", timestamp: 1, properties: { n: 1 } }],
        },
      ]);
      expect(aAlone.seen).toEqual(["m1", "only-1"]);
      expect(aAlone.lastSeq).toBe(1);
      expect(aAlone.bySegment[0].at).toEqual([{ member: true, since: 1 }, { member: false }]);
      expect(await h.store.lastSeq(b)).toBe(4);
      expect((await h.store.workspaceByKeyHash(`hash-${b}`))?.id).toBe(b);
    });

    it("never lets one workspace's deletions touch another's data", async () => {
      const a = await newWorkspace(h.store);
      const b = await newWorkspace(h.store);
      await h.store.commit(sameIds(a, 1));
      await h.store.commit(sameIds(b, 2));
      const before = await snapshot(h.store, a, probe);
      await h.store.commit(
        batch(b, { deletedContacts: ["c1"], deletedSegments: ["s1"], deletedLists: ["l1"] }),
      );
      expect(await snapshot(h.store, a, probe)).toEqual(before);
      expect(await h.store.getContact(b, "c1")).toBeUndefined();
    });
  });
}
