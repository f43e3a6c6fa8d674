import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batch, type Harness, newWorkspace } from "./harness.ts";

const c = (id: string, createdAt = 1) => ({ id, createdAt });
const trait = (key: string, value: unknown, ts: number, contactId = "c1") => ({ contactId, key, value, ts });
const score = (name: string, value: number, ts: number, contactId = "c1") => ({
  contactId,
  score: name,
  value,
  ts,
});
const ev = (
  event: string,
  timestamp: number,
  properties: Record<string, unknown> = {},
  contactId = "c1",
) => ({
  contactId,
  event,
  timestamp,
  properties,
});
// Strings that look like other JSON types must come back as strings.
const TRICKY_VALUES: unknown[] = [
  "5",
  "0012",
  "1e3",
  "true",
  "null",
  "",
  "[1]",
  0,
  -1.5,
  1e300,
  false,
  [],
  {},
];

export function contactFactsTests(h: Harness): void {
  describe("contact facts", () => {
    it("creates a contact once: a later create keeps the first createdAt", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(batch(ws, { contacts: [c("c1", 5)] }));
      await h.store.commit(batch(ws, { contacts: [c("c1", 9), c("c2", 9)] }));
      expect((await h.store.getContact(ws, "c1"))?.createdAt).toBe(5);
      expect(await h.store.contactCount(ws)).toBe(2);
      expect(await h.store.getContact(ws, "nobody")).toBeUndefined();
    });

    it("reads a contact without its events when asked, with every other fact", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(
        batch(ws, {
          contacts: [c("c1", 5)],
          traits: [{ contactId: "c1", key: "plan", value: "pro", ts: 6 }],
          scores: [{ contactId: "c1", score: "nps", value: 9, ts: 6 }],
          events: [{ contactId: "c1", event: "e", timestamp: 7, properties: { a: 1 } }],
        }),
      );
      const full = await h.store.getContact(ws, "c1");
      expect(full?.events).toEqual([{ event: "e", timestamp: 7, properties: { a: 1 } }]);
      expect(await h.store.getContact(ws, "c1", { events: false })).toEqual({ ...full, events: [] });
    });

    it("keeps the newest trait value; a tie goes to the later write", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(batch(ws, { contacts: [c("c1")], traits: [trait("plan", "free", 10)] }));
      await h.store.commit(batch(ws, { traits: [trait("plan", "old", 5)] }));
      expect((await h.store.getContact(ws, "c1"))?.traits).toEqual([{ key: "plan", value: "free", ts: 10 }]);
      await h.store.commit(batch(ws, { traits: [trait("plan", "pro", 10)] }));
      const inOneBatch = [trait("x", 1, 7), trait("x", 2, 7), trait("y", 1, 8), trait("y", 2, 3)];
      await h.store.commit(batch(ws, { traits: inOneBatch }));
      const traits = (await h.store.getContact(ws, "c1"))?.traits ?? [];
      expect([...traits].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
        { key: "plan", value: "pro", ts: 10 },
        { key: "x", value: 2, ts: 7 },
        { key: "y", value: 1, ts: 8 },
      ]);
    });

    it("keeps a removal as null so that a late older write still loses to it", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(batch(ws, { contacts: [c("c1")], traits: [trait("plan", "pro", 10)] }));
      await h.store.commit(batch(ws, { traits: [trait("plan", null, 20)] }));
      await h.store.commit(batch(ws, { traits: [trait("plan", "late", 15)] }));
      expect((await h.store.getContact(ws, "c1"))?.traits).toEqual([{ key: "plan", value: null, ts: 20 }]);
      await h.store.commit(batch(ws, { traits: [trait("plan", "team", 25)] }));
      expect((await h.store.getContact(ws, "c1"))?.traits).toEqual([{ key: "plan", value: "team", ts: 25 }]);
    });

    it("keeps the newest score; a tie goes to the later write", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(
        batch(ws, { contacts: [c("c1")], scores: [score("lead", 10, 10), score("lead", 2, 3)] }),
      );
      expect((await h.store.getContact(ws, "c1"))?.scores).toEqual([{ score: "lead", value: 10, ts: 10 }]);
      await h.store.commit(batch(ws, { scores: [score("lead", 99.5, 9)] }));
      await h.store.commit(batch(ws, { scores: [score("lead", 0.25, 10), score("lead", -3, 10)] }));
      expect((await h.store.getContact(ws, "c1"))?.scores).toEqual([{ score: "lead", value: -3, ts: 10 }]);
    });

    it("returns events in time order, ties in arrival order, late ones at their own time", async () => {
      const ws = await newWorkspace(h.store);
      const first = [ev("a", 30), ev("b1", 10), ev("b2", 10)];
      await h.store.commit(batch(ws, { contacts: [c("c1")], events: first }));
      await h.store.commit(batch(ws, { events: [ev("c", 20), ev("d", 10, { n: 1 }), ev("e", 30)] }));
      const events = (await h.store.getContact(ws, "c1"))?.events ?? [];
      expect(events.map((e) => e.event)).toEqual(["b1", "b2", "d", "c", "a", "e"]);
      expect(events[2]).toEqual({ event: "d", timestamp: 10, properties: { n: 1 } });
    });

    it("round-trips any JSON trait value and event properties exactly", async () => {
      const ws = await newWorkspace(h.store);
      let n = 0;
      const json = fc
        .jsonValue({ maxDepth: 3, stringUnit: "grapheme" })
        .filter((v) => v !== null && !JSON.stringify(v).includes("\\u0000"));
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.constantFrom(...TRICKY_VALUES), json), async (value) => {
          const id = `json-${++n}`;
          const properties = { value, nested: { list: [value, "7"] } };
          const events = [ev("e", 1, properties, id)];
          await h.store.commit(batch(ws, { contacts: [c(id)], traits: [trait("k", value, 1, id)], events }));
          const got = await h.store.getContact(ws, id);
          expect(got?.traits).toEqual([{ key: "k", value, ts: 1 }]);
          expect(got?.events[0].properties).toEqual(properties);
        }),
        { numRuns: 60, seed: 20261129 },
      );
    });

    it("adds and removes list memberships, idempotently", async () => {
      const ws = await newWorkspace(h.store);
      const add = (listId: string) => ({ listId, contactId: "c1", member: true });
      await h.store.commit(
        batch(ws, { contacts: [c("c1")], listMembers: [add("l1"), add("l1"), add("l2")] }),
      );
      await h.store.commit(
        batch(ws, { listMembers: [add("l2"), { listId: "l1", contactId: "c1", member: false }] }),
      );
      expect((await h.store.getContact(ws, "c1"))?.lists).toEqual(["l2"]);
    });
  });
}
