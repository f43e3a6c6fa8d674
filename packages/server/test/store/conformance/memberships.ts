import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  batch,
  byCodePoint,
  collect,
  type Harness,
  idArb,
  member,
  newWorkspace,
  segment,
  sortMemberships,
  walkMembers,
} from "./harness.ts";

const ids = (n: number, prefix = "m") =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, "0")}`);

export function membershipTests(h: Harness): void {
  describe("current memberships", () => {
    it("inserts, replaces and deletes memberships, per segment and per contact", async () => {
      const ws = await newWorkspace(h.store);
      const rows = [member("s1", "c1", 10), member("s1", "c2", 20), member("s2", "c1", 30)];
      // Memberships belong to saved segments: a contact's are read through its workspace's segments.
      await h.store.commit(
        batch(ws, { segments: [segment(ws, "s1"), segment(ws, "s2")], memberships: rows }),
      );
      expect(sortMemberships(await h.store.contactMemberships(ws, "c1"))).toEqual([
        { segmentId: "s1", contactId: "c1", since: 10 },
        { segmentId: "s2", contactId: "c1", since: 30 },
      ]);
      expect(await h.store.memberCount(ws, "s1")).toBe(2);

      await h.store.commit(
        batch(ws, { memberships: [member("s1", "c1", 0, false), member("s1", "c2", 25)] }),
      );
      expect(await h.store.contactMemberships(ws, "c1")).toEqual([
        { segmentId: "s2", contactId: "c1", since: 30 },
      ]);
      expect(await h.store.members(ws, "s1", 10)).toEqual({
        data: [{ segmentId: "s1", contactId: "c2", since: 25 }],
        next: null,
      });
      expect(await h.store.memberCount(ws, "s3")).toBe(0);
    });

    it("pages members in id order with no duplicates and no gaps; next is null on the last page", async () => {
      const members = fc.uniqueArray(idArb, { maxLength: 40 });
      await fc.assert(
        fc.asyncProperty(members, fc.integer({ min: 1, max: 9 }), async (contactIds, limit) => {
          const ws = await newWorkspace(h.store);
          const others = contactIds.slice(0, 5).map((c) => member("other", c, 1));
          await h.store.commit(
            batch(ws, { memberships: [...contactIds.map((c, i) => member("s1", c, i)), ...others] }),
          );
          const pages = await walkMembers(h.store, ws, "s1", limit);
          const walked = pages.flatMap((p) => p.data.map((m) => m.contactId));
          expect(walked).toEqual([...contactIds].sort(byCodePoint));
          for (const p of pages.slice(0, -1)) expect(p.data).toHaveLength(limit);
          for (const p of pages.slice(0, -1)) expect(p.next).toBe(p.data[p.data.length - 1].contactId);
          expect(pages[pages.length - 1].next).toBeNull();
          expect(pages.length).toBe(Math.max(1, Math.ceil(contactIds.length / limit)));
          expect(await h.store.memberCount(ws, "s1")).toBe(contactIds.length);
        }),
        { numRuns: 60, seed: 3 },
      );
    });

    it("keeps a walk whole while members come and go", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(batch(ws, { memberships: ids(20).map((c) => member("s1", c, 1)) }));
      const first = await h.store.members(ws, "s1", 5);
      const churn = [member("s1", "a-behind", 2), member("s1", "z-ahead", 2), member("s1", "m10", 0, false)];
      await h.store.commit(batch(ws, { memberships: churn }));
      let after = first.next ?? undefined;
      const seen = first.data.map((m) => m.contactId);
      while (after !== undefined) {
        const page = await h.store.members(ws, "s1", 5, after);
        seen.push(...page.data.map((m) => m.contactId));
        after = page.next ?? undefined;
      }
      expect(seen).toEqual([...ids(10), ...ids(20).slice(11), "z-ahead"]);
    });

    it("streams every current membership once", async () => {
      const ws = await newWorkspace(h.store);
      const rows = ["s1", "s2", "s3"].flatMap((s, j) => ids(4_000, "c").map((c, i) => member(s, c, i + j)));
      await h.store.commit(batch(ws, { memberships: rows }));
      const streamed = (await collect(h.store.streamMemberships(ws))).flat();
      expect(streamed).toHaveLength(rows.length);
      expect(sortMemberships(streamed)).toEqual(sortMemberships(rows.map(({ member: _, ...m }) => m)));
      expect(await collect(h.store.streamMemberships(await newWorkspace(h.store)))).toEqual([]);
    });
  });
}
