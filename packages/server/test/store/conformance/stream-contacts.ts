import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StoredContact } from "../../../src/store/records.ts";
import { FactModel, factBatchArb } from "./fact-model.ts";
import { batch, byCodePoint, collect, type Harness, idArb, newWorkspace, normalised } from "./harness.ts";

/** A batch creating each contact with one trait, one score, one list and two events. */
function contactsBatch(ws: string, ids: string[]) {
  return batch(ws, {
    contacts: ids.map((id, i) => ({ id, createdAt: i })),
    traits: ids.map((contactId, i) => ({ contactId, key: "i", value: { i, id: contactId }, ts: i })),
    scores: ids.map((contactId, i) => ({ contactId, score: "s", value: i / 2, ts: i })),
    listMembers: ids.map((contactId, i) => ({ listId: `l${i % 3}`, contactId, member: true })),
    events: ids.flatMap((contactId, i) => [
      { contactId, event: "late", timestamp: i + 10, properties: { i } },
      { contactId, event: "early", timestamp: i, properties: {} },
    ]),
  });
}

function expectedContact(id: string, i: number): StoredContact {
  return {
    id,
    createdAt: i,
    traits: [{ key: "i", value: { i, id }, ts: i }],
    scores: [{ score: "s", value: i / 2, ts: i }],
    lists: [`l${i % 3}`],
    events: [
      { event: "early", timestamp: i, properties: {} },
      { event: "late", timestamp: i + 10, properties: { i } },
    ],
  };
}

export function streamContactsTests(h: Harness): void {
  describe("streamContacts and the facts model", () => {
    it("reads each chunk when it is asked for: a commit between two chunks shows in the next one", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(contactsBatch(ws, ["a", "b", "c"]));
      const chunks = h.store.streamContacts(ws, 1)[Symbol.asyncIterator]();
      expect((await chunks.next()).value?.map((c: StoredContact) => c.id)).toEqual(["a"]);
      // Written while the caller holds the first chunk (a backfill step commits in between).
      await h.store.commit(
        batch(ws, {
          traits: [{ contactId: "b", key: "plan", value: "pro", ts: 50 }],
          events: [{ contactId: "c", event: "paid", timestamp: 50, properties: {} }],
        }),
      );
      const b = (await chunks.next()).value as StoredContact[];
      expect(b[0].traits.map((t) => t.key).sort()).toEqual(["i", "plan"]);
      const c = (await chunks.next()).value as StoredContact[];
      expect(c[0].events.map((e) => e.event)).toEqual(["early", "late", "paid"]);
      expect((await chunks.next()).done).toBe(true);
    });

    it("streams every contact once, ordered by id, with all its facts, in chunks of at most chunkSize", async () => {
      const ids = fc.uniqueArray(idArb, { maxLength: 30 });
      await fc.assert(
        fc.asyncProperty(ids, fc.integer({ min: 1, max: 8 }), async (ids, chunkSize) => {
          const ws = await newWorkspace(h.store);
          if (ids.length > 0) await h.store.commit(contactsBatch(ws, ids));
          const chunks = await collect(h.store.streamContacts(ws, chunkSize));
          for (const chunk of chunks) expect(chunk.length).toBeGreaterThan(0);
          for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(chunkSize);
          const expected = ids.map((id, i) => expectedContact(id, i)).sort((a, b) => byCodePoint(a.id, b.id));
          expect(chunks.flat().map(normalised)).toEqual(expected);
          expect(await h.store.contactCount(ws)).toBe(ids.length);
        }),
        { numRuns: 40, seed: 7 },
      );
    });

    it("streams thousands of contacts with the default chunk size", async () => {
      const ws = await newWorkspace(h.store);
      const ids = Array.from({ length: 2_500 }, (_, i) => `c${String(i).padStart(5, "0")}`);
      await h.store.commit(contactsBatch(ws, ids));
      const streamed = (await collect(h.store.streamContacts(ws))).flat();
      expect(streamed.map((c) => c.id)).toEqual(ids);
      expect(normalised(streamed[1_234])).toEqual(expectedContact(ids[1_234], 1_234));
      expect(await collect(h.store.streamContacts(await newWorkspace(h.store)))).toEqual([]);
    });

    it("agrees with a model of last-writer-wins facts over random sequences of batches", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(factBatchArb, { minLength: 1, maxLength: 6 }), async (batches) => {
          const ws = await newWorkspace(h.store);
          const model = new FactModel();
          for (const b of batches) {
            model.apply(b);
            await h.store.commit({ ...b, workspaceId: ws });
          }
          const streamed = (await collect(h.store.streamContacts(ws, 2))).flat().map(normalised);
          expect(streamed).toEqual(model.contacts());
          for (const id of ["a", "b", "B", "é"]) {
            expect(normalised(await h.store.getContact(ws, id))).toEqual(model.contact(id));
          }
        }),
        { numRuns: 60, seed: 42 },
      );
    });
  });
}
