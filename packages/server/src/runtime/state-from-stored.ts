import type { ContactMessage, ContactState, SegmentEngine } from "@growthos/segments-core";
import type { StoredContact } from "../store/records.ts";

/**
 * A stored contact's facts as messages, in the order the runtime replays them at start
 * (traits, scores, lists, then events by time): applying them rebuilds any derived form.
 */
export function applyStored(c: StoredContact, apply: (m: ContactMessage) => void): void {
  for (const t of c.traits) apply({ type: "identify", traits: { [t.key]: t.value }, timestamp: t.ts });
  for (const s of c.scores) apply({ type: "score", score: s.score, value: s.value, timestamp: s.ts });
  for (const list of c.lists) apply({ type: "list", list, member: true });
  for (const e of c.events) {
    apply({ type: "track", event: e.event, properties: e.properties, timestamp: e.timestamp });
  }
}

/**
 * A fresh evaluation state for a stored contact.
 * @example stateFromStored(engine, await store.getContact(ws, "u1"))
 */
export function stateFromStored(engine: SegmentEngine, c: StoredContact): ContactState {
  const state = engine.createState(c.id);
  applyStored(c, (m) => engine.apply(state, m));
  return state;
}
