import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChangeRecord } from "../../../src/store/records.ts";
import type { Store } from "../../../src/store/store.ts";
import { batch, change, type Harness, newWorkspace } from "./harness.ts";

async function walkChanges(
  store: Store,
  ws: string,
  limit: number,
  segmentId?: string,
): Promise<ChangeRecord[]> {
  const all: ChangeRecord[] = [];
  for (let after = 0; ; ) {
    const page = await store.changes(ws, after, limit, segmentId);
    expect(page.length).toBeLessThanOrEqual(limit);
    if (page.length === 0) return all;
    expect(page[0].seq).toBeGreaterThan(after);
    all.push(...page);
    after = page[page.length - 1].seq;
  }
}

const kinds = ["entered", "exited"] as const;

export function changeLogTests(h: Harness): void {
  describe("change log", () => {
    it("has no seq before the first change, and a batch without changes gets none", async () => {
      const ws = await newWorkspace(h.store);
      expect(await h.store.lastSeq(ws)).toBe(0);
      expect(await h.store.commit(batch(ws, { contacts: [{ id: "c1", createdAt: 1 }] }))).toBeNull();
      expect(await h.store.lastSeq(ws)).toBe(0);
      expect(await h.store.changes(ws, 0, 10)).toEqual([]);
    });

    it("numbers changes consecutively across commits, separately per workspace", async () => {
      const a = await newWorkspace(h.store);
      const b = await newWorkspace(h.store);
      const three = [
        change("s1", "c1", "entered", 10),
        change("s2", "c1", "entered", 10),
        change("s1", "c2", "entered", 11, 3),
      ];
      expect(await h.store.commit(batch(a, { changes: three }))).toEqual({ firstSeq: 1, lastSeq: 3 });
      expect(await h.store.commit(batch(b, { changes: [change("s1", "c1", "exited", 5)] }))).toEqual({
        firstSeq: 1,
        lastSeq: 1,
      });
      expect(await h.store.commit(batch(a, {}))).toBeNull();
      const two = [change("s1", "c1", "exited", 20), change("s1", "c1", "entered", 20, 2)];
      expect(await h.store.commit(batch(a, { changes: two }))).toEqual({ firstSeq: 4, lastSeq: 5 });

      const log = await h.store.changes(a, 0, 100);
      expect(log).toEqual([...three, ...two].map((c, i) => ({ seq: i + 1, ...c })));
      expect([await h.store.lastSeq(a), await h.store.lastSeq(b)]).toEqual([5, 1]);
    });

    it("pages the log strictly after a seq, for all segments or one", async () => {
      const ws = await newWorkspace(h.store);
      const segs = ["s1", "s2", "s1", "s3", "s1", "s2"];
      await h.store.commit(batch(ws, { changes: segs.map((s, i) => change(s, `c${i}`, kinds[i % 2], i)) }));
      expect((await h.store.changes(ws, 0, 2)).map((c) => c.seq)).toEqual([1, 2]);
      expect((await h.store.changes(ws, 2, 3)).map((c) => c.seq)).toEqual([3, 4, 5]);
      expect((await h.store.changes(ws, 6, 3)).map((c) => c.seq)).toEqual([]);
      expect((await h.store.changes(ws, 0, 10, "s1")).map((c) => c.seq)).toEqual([1, 3, 5]);
      expect((await h.store.changes(ws, 3, 10, "s1")).map((c) => c.seq)).toEqual([5]);
      expect((await h.store.changes(ws, 0, 1, "s2")).map((c) => c.seq)).toEqual([2]);
      expect(await h.store.changes(ws, 0, 10, "none")).toEqual([]);
    });

    it("returns every change exactly once by paging, whatever the commit and page sizes", async () => {
      const commitArb = fc.array(
        fc.record({ s: fc.constantFrom("s1", "s2", "s3"), k: fc.constantFrom(...kinds) }),
        {
          maxLength: 5,
        },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(commitArb, { maxLength: 6 }),
          fc.integer({ min: 1, max: 7 }),
          async (commits, limit) => {
            const ws = await newWorkspace(h.store);
            const expected: ChangeRecord[] = [];
            for (const [i, commit] of commits.entries()) {
              const changes = commit.map(({ s, k }, j) => change(s, `c${j}`, k, i * 10 + j, i));
              const range = await h.store.commit(batch(ws, { changes }));
              const first = expected.length + 1;
              expect(range).toEqual(
                changes.length === 0 ? null : { firstSeq: first, lastSeq: first + changes.length - 1 },
              );
              expected.push(...changes.map((c, j) => ({ seq: first + j, ...c })));
            }
            expect(await walkChanges(h.store, ws, limit)).toEqual(expected);
            expect(await walkChanges(h.store, ws, limit, "s2")).toEqual(
              expected.filter((c) => c.segmentId === "s2"),
            );
            expect(await h.store.lastSeq(ws)).toBe(expected.length);
            // From any seq, inside a commit's changes or not: the next `limit` after it.
            for (let after = -1; after <= expected.length + 1; after++) {
              const next = (cs: ChangeRecord[]) => cs.filter((c) => c.seq > after).slice(0, limit);
              expect(await h.store.changes(ws, after, limit)).toEqual(next(expected));
              expect(await h.store.changes(ws, after, limit, "s1")).toEqual(
                next(expected.filter((c) => c.segmentId === "s1")),
              );
            }
          },
        ),
        { numRuns: 40, seed: 11 },
      );
    });
  });
}
