import { generateContacts } from "../data/contact-generator.ts";
import { contactMessages } from "../data/contact-messages.ts";
import { createRng, type Rng } from "../data/prng.ts";
import { drawEvent, NPS, PLANS } from "../data/vocabulary.ts";

/** A Segment-spec message as `/v1/batch` takes it. */
type Message = Record<string, unknown> & { type: string; userId: string };

/**
 * The preload: `contacts` generated contacts (properties, scores, 90 days of events), as batch
 * bodies of `perCall` messages each, whole contacts per body.
 */
export function* preloadBodies(contacts: number, perCall: number, now: number): Generator<string> {
  let batch: Message[] = [];
  for (const contact of generateContacts(contacts, { seed: 11, now, meanEvents: 10 })) {
    for (const m of contactMessages(contact)) {
      if (m.type === "list") continue;
      const { timestamp, ...rest } = m;
      batch.push({ ...rest, userId: contact.id, timestamp: new Date(timestamp).toISOString() });
    }
    if (batch.length >= perCall) {
      yield JSON.stringify({ batch });
      batch = [];
    }
  }
  if (batch.length > 0) yield JSON.stringify({ batch });
}

/**
 * `count` distinct bodies for the load: each `perCall` live messages (no timestamp: receive time)
 * for random known contacts; 80% events, 12% trait changes, 8% score updates.
 */
export function loadBodies(count: number, perCall: number, contacts: number): string[] {
  const rng = createRng(23);
  return Array.from({ length: count }, () =>
    JSON.stringify({ batch: Array.from({ length: perCall }, () => liveMessage(rng, contacts)) }),
  );
}

function liveMessage(rng: Rng, contacts: number): Message {
  const userId = `user_${rng.int(0, contacts - 1)}`;
  const x = rng.next();
  if (x < 0.8) return { type: "track", userId, ...drawEvent(rng) };
  if (x < 0.92) return { type: "identify", userId, traits: { plan: PLANS.draw(rng) } };
  return rng.chance(0.5)
    ? { type: "score", userId, score: "nps", value: NPS.draw(rng) }
    : { type: "score", userId, score: "engagement", value: rng.int(0, 100) };
}
