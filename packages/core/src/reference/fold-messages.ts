import type { ContactMessage, ContactSnapshot, RawEvent } from "../model.ts";

/** A value with the timestamp of the message that set it; `null` is a removal. */
interface Stamped<T> {
  value: T;
  timestamp: number;
}

/**
 * Folds one contact's messages (in receive order) into its snapshot. Per top-level trait key and
 * per score, the message with the greatest timestamp wins, ties → the later message; a `null`
 * trait is a removal that takes part in that ordering. Traits merge by top-level key (no deep
 * merge); every track is an event; list edits apply in order.
 * @example foldMessages("u1", [{ type: "identify", traits: { plan: "pro" }, timestamp: 1 }]).properties // { plan: "pro" }
 */
export function foldMessages(contactId: string, messages: readonly ContactMessage[]): ContactSnapshot {
  const traits = new Map<string, Stamped<unknown>>();
  const scores = new Map<string, Stamped<number>>();
  const lists = new Set<string>();
  const events: RawEvent[] = [];
  for (const m of messages) {
    switch (m.type) {
      case "identify":
        for (const [key, value] of Object.entries(m.traits)) keepLatest(traits, key, value, m.timestamp);
        break;
      case "score":
        keepLatest(scores, m.score, m.value, m.timestamp);
        break;
      case "track":
        events.push({ event: m.event, timestamp: m.timestamp, properties: m.properties });
        break;
      case "list":
        if (m.member) lists.add(m.list);
        else lists.delete(m.list);
        break;
      default: {
        const unreachable: never = m;
        throw new Error(`unknown message ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return {
    id: contactId,
    // fromEntries defines own keys, so even a "__proto__" trait stays a plain property.
    properties: Object.fromEntries(
      [...traits].filter(([, s]) => s.value !== null && s.value !== undefined).map(([k, s]) => [k, s.value]),
    ),
    scores: Object.fromEntries([...scores].map(([k, s]) => [k, s.value])),
    lists: [...lists],
    events,
  };
}

/** `>=` so that on a timestamp tie the message received later wins. */
function keepLatest<T>(into: Map<string, Stamped<T>>, key: string, value: T, timestamp: number): void {
  const current = into.get(key);
  if (current === undefined || timestamp >= current.timestamp) into.set(key, { value, timestamp });
}
