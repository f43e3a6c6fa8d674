import type { Group } from "@growthos/segments-core";
import { describe, expect, it } from "vitest";
import { batch, change, type Harness, newWorkspace, segment, sortById } from "./harness.ts";

const NESTED_RULE: Group = {
  type: "group",
  combinator: "or",
  children: [
    { type: "property", property: "tags", operator: "includes_any", value: ["a", "5", "b c"] },
    {
      type: "event",
      event: "order.paid",
      operator: "gte",
      value: 3,
      window: { within_last: { amount: 30, unit: "day" } },
    },
    {
      type: "group",
      combinator: "and",
      negate: true,
      children: [{ type: "list", list: "vip", operator: "in" }],
    },
  ],
};

export function schemaAndCatalogTests(h: Harness): void {
  describe("schema, workspaces, segments and lists", () => {
    it("runs migrate again without touching data", async () => {
      const ws = await newWorkspace(h.store);
      const first = batch(ws, {
        contacts: [{ id: "c1", createdAt: 5 }],
        changes: [change("s", "c1", "entered", 5)],
      });
      await h.store.commit(first);
      await h.store.migrate();
      await h.store.migrate();
      expect(await h.store.contactCount(ws)).toBe(1);
      expect(await h.store.lastSeq(ws)).toBe(1);
      const next = await h.store.commit(batch(ws, { changes: [change("s", "c1", "exited", 6)] }));
      expect(next).toEqual({ firstSeq: 2, lastSeq: 2 });
    });

    it("finds a workspace by its key hash and lists every workspace", async () => {
      const a = await newWorkspace(h.store);
      const b = await newWorkspace(h.store);
      expect(await h.store.workspaceByKeyHash(`hash-${b}`)).toEqual({
        id: b,
        name: `Workspace ${b}`,
        apiKeyHash: `hash-${b}`,
        createdAt: 1_000,
      });
      expect(await h.store.workspaceByKeyHash("no-such-hash")).toBeUndefined();
      const ids = (await h.store.listWorkspaces()).map((w) => w.id);
      expect(ids).toEqual(expect.arrayContaining([a, b]));
    });

    it("keeps a segment's rule, version and status exactly, and replaces them on upsert", async () => {
      const ws = await newWorkspace(h.store);
      const s1 = segment(ws, "s1", { rule: NESTED_RULE, description: 'héllo "quoted"', status: "computing" });
      const s2 = segment(ws, "s2", { createdAt: 2_000 });
      await h.store.commit(batch(ws, { segments: [s1, s2] }));
      expect(await h.store.getSegment(ws, "s1")).toEqual(s1);
      expect(sortById(await h.store.listSegments(ws))).toEqual([s1, s2]);

      const edited = {
        ...s1,
        name: "Renamed",
        rule: segment(ws, "x").rule,
        version: 2,
        status: "live" as const,
      };
      await h.store.commit(batch(ws, { segments: [{ ...edited, updatedAt: 3_000 }] }));
      expect(await h.store.getSegment(ws, "s1")).toEqual({ ...edited, updatedAt: 3_000 });
      expect(await h.store.getSegment(ws, "nope")).toBeUndefined();
    });

    it("deletes a segment", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(batch(ws, { segments: [segment(ws, "s1"), segment(ws, "s2")] }));
      await h.store.commit(batch(ws, { deletedSegments: ["s1"] }));
      expect(await h.store.getSegment(ws, "s1")).toBeUndefined();
      expect((await h.store.listSegments(ws)).map((s) => s.id)).toEqual(["s2"]);
    });

    it("creates, renames and deletes lists; a deleted list leaves its members' other lists", async () => {
      const ws = await newWorkspace(h.store);
      const lists = [
        { workspaceId: ws, id: "l1", name: "One", createdAt: 1 },
        { workspaceId: ws, id: "l2", name: "Two", createdAt: 2 },
      ];
      const listMembers = ["l1", "l2"].map((listId) => ({ listId, contactId: "c1", member: true }));
      await h.store.commit(batch(ws, { lists, contacts: [{ id: "c1", createdAt: 1 }], listMembers }));
      await h.store.commit(batch(ws, { lists: [{ ...lists[1], name: "Second" }] }));
      expect(sortById(await h.store.listLists(ws))).toEqual([lists[0], { ...lists[1], name: "Second" }]);

      await h.store.commit(batch(ws, { deletedLists: ["l1"] }));
      expect((await h.store.listLists(ws)).map((l) => l.id)).toEqual(["l2"]);
      expect((await h.store.getContact(ws, "c1"))?.lists).toEqual(["l2"]);
    });
  });
}
