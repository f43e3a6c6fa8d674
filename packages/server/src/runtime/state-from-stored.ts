import type { ContactState, SegmentEngine } from "@growthos/segments-core";
import type { StoredContact } from "../store/records.ts";

/**
 * A fresh evaluation state for a stored contact, its facts applied in the order the runtime
 * replays them at start (traits, scores, lists, then events by time).
 * @example stateFromStored(engine, await store.getContact(ws, "u1"))
 */
export function stateFromStored(engine: SegmentEngine, c: StoredContact): ContactState {
  const state = engine.createState(c.id);
  for (const t of c.traits) {
    engine.apply(state, { type: "identify", traits: { [t.key]: t.value }, timestamp: t.ts });
  }
  for (const s of c.scores)
    engine.apply(state, { type: "score", score: s.score, value: s.value, timestamp: s.ts });
  for (const list of c.lists) engine.apply(state, { type: "list", list, member: true });
  for (const e of c.events) {
    engine.apply(state, { type: "track", event: e.event, properties: e.properties, timestamp: e.timestamp });
  }
  return state;
}
