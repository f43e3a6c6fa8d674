import fc from "fast-check";
import type { StoredContact, StoredEvent } from "../../../src/store/records.ts";
import type { WriteBatch } from "../../../src/store/write-batch.ts";
import { byCodePoint, normalised } from "./harness.ts";

/**
 * A tiny in-memory model of the facts a store keeps, applying a batch in the port's order:
 * contacts, traits, scores, events, list edits, then deletions.
 */
interface ModelContact {
  createdAt: number;
  traits: Map<string, { value: unknown; ts: number }>;
  scores: Map<string, { value: number; ts: number }>;
  lists: Set<string>;
  events: (StoredEvent & { arrival: number })[];
}

export class FactModel {
  readonly #contacts = new Map<string, ModelContact>();
  #arrivals = 0;

  apply(b: WriteBatch): void {
    for (const c of b.contacts) {
      if (this.#contacts.has(c.id)) continue;
      const fresh = {
        createdAt: c.createdAt,
        traits: new Map(),
        scores: new Map(),
        lists: new Set<string>(),
      };
      this.#contacts.set(c.id, { ...fresh, events: [] });
    }
    for (const t of b.traits) lastWriterWins(this.#get(t.contactId).traits, t.key, t);
    for (const s of b.scores) lastWriterWins(this.#get(s.contactId).scores, s.score, s);
    for (const { contactId, ...e } of b.events)
      this.#get(contactId).events.push({ ...e, arrival: ++this.#arrivals });
    for (const m of b.listMembers) {
      const lists = this.#get(m.contactId).lists;
      if (m.member) lists.add(m.listId);
      else lists.delete(m.listId);
    }
    for (const id of b.deletedContacts) this.#contacts.delete(id);
  }

  /** Every contact as the store should return it, ordered by id. */
  contacts(): StoredContact[] {
    const ids = [...this.#contacts.keys()].sort(byCodePoint);
    return ids.map((id) => this.contact(id)!);
  }

  contact(id: string): StoredContact | undefined {
    const c = this.#contacts.get(id);
    if (c === undefined) return undefined;
    const events = [...c.events].sort((x, y) => x.timestamp - y.timestamp || x.arrival - y.arrival);
    return normalised({
      id,
      createdAt: c.createdAt,
      traits: [...c.traits].map(([key, t]) => ({ key, value: t.value, ts: t.ts })),
      scores: [...c.scores].map(([score, s]) => ({ score, value: s.value, ts: s.ts })),
      lists: [...c.lists],
      events: events.map(({ arrival: _, ...e }) => e),
    });
  }

  #get(id: string): ModelContact {
    const c = this.#contacts.get(id);
    if (c === undefined) throw new Error(`model: write for unknown contact ${id}`);
    return c;
  }
}

function lastWriterWins<V>(
  into: Map<string, { value: V; ts: number }>,
  key: string,
  w: { value: V; ts: number },
) {
  const current = into.get(key);
  if (current === undefined || w.ts >= current.ts) into.set(key, { value: w.value, ts: w.ts });
}

// Few ids, keys and instants, so that ties, overwrites, removals and re-creations are common.
const contactId = fc.constantFrom("a", "b", "B", "é");
const ts = fc.integer({ min: 0, max: 4 });
const value = fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 3 }), fc.constantFrom("x", "7", ""));

/** A batch of random facts (for workspace "model": set yours); it creates every contact it writes about. */
export const factBatchArb: fc.Arbitrary<WriteBatch> = fc
  .record({
    traits: fc.array(fc.record({ contactId, key: fc.constantFrom("k", "l"), value, ts }), { maxLength: 5 }),
    scores: fc.array(fc.record({ contactId, score: fc.constantFrom("s"), value: fc.integer(), ts }), {
      maxLength: 3,
    }),
    events: fc.array(
      fc.record({
        contactId,
        event: fc.constantFrom("x", "y"),
        timestamp: ts,
        properties: fc.record({ tag: fc.nat() }),
      }),
      { maxLength: 4 },
    ),
    listMembers: fc.array(
      fc.record({ listId: fc.constantFrom("l1", "l2"), contactId, member: fc.boolean() }),
      {
        maxLength: 3,
      },
    ),
    deletedContacts: fc.array(contactId, { maxLength: 1 }),
    createdAt: fc.integer({ min: 1, max: 100 }),
  })
  .map(({ createdAt, ...facts }) => {
    const touched = [...facts.traits, ...facts.scores, ...facts.events, ...facts.listMembers];
    const ids = [...new Set(touched.map((f) => f.contactId))];
    const empty = { messageIds: [], segments: [], deletedSegments: [], lists: [], deletedLists: [] };
    return {
      workspaceId: "model",
      ...empty,
      memberships: [],
      changes: [],
      contacts: ids.map((id) => ({ id, createdAt })),
      ...facts,
    };
  });
