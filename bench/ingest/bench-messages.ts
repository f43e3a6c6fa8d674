import type { IngestMessage } from "../../packages/server/src/runtime/ingest-message.ts";
import type { GeneratedContact } from "../data/contact-generator.ts";
import { contactMessages } from "../data/contact-messages.ts";
import { createRng, deriveSeed, type Rng } from "../data/prng.ts";
import { drawEvent, PLANS, ROLES } from "../data/vocabulary.ts";

/**
 * A contact's history as the API would hand it to the pipeline: `contactMessages` with the
 * contact's id and a messageId on each (sources always send one; the pipeline dedupes by it).
 */
export function historyMessages(contact: GeneratedContact): IngestMessage[] {
  return contactMessages(contact).map((m, k): IngestMessage => {
    const ids = { userId: contact.id, messageId: `h:${contact.id}:${k}` };
    if (m.type === "identify")
      return { type: "identify", traits: { ...m.traits }, timestamp: m.timestamp, ...ids };
    if (m.type === "track") {
      return {
        type: "track",
        event: m.event,
        properties: { ...m.properties },
        timestamp: m.timestamp,
        ...ids,
      };
    }
    if (m.type === "score")
      return { type: "score", score: m.score, value: m.value, timestamp: m.timestamp, ...ids };
    return { type: "list", list: m.list, member: m.member, ...ids };
  });
}

/** Share of live messages that are identifies (the rest are tracks). */
const IDENTIFY_SHARE = 0.1;

/**
 * Live traffic from one sender: tracks (the vocabulary's events, skewed as in the history) and
 * identifies (plan, role or company size changes) for random existing contacts, stamped `now`.
 * Seeded, so every run sends the same contacts, events and traits in the same order.
 */
export class LiveTraffic {
  private readonly rng: Rng;
  private n = 0;

  /**
   * `stream` numbers the senders of a run: each has its own sequence and its own messageIds. The
   * seed is part of the ids too, so that traffic drawn again with another seed is not taken for
   * repeats of the first (the pipeline would ignore it, and the rate would count skipped work).
   */
  constructor(
    private readonly stream: number,
    private readonly contacts: number,
    private readonly seed: number,
  ) {
    this.rng = createRng(deriveSeed(seed, stream));
  }

  /** The next `size` messages, all stamped `now`. */
  batch(size: number, now: number): IngestMessage[] {
    const out: IngestMessage[] = [];
    for (let i = 0; i < size; i++) out.push(this.message(now));
    return out;
  }

  private message(now: number): IngestMessage {
    const rng = this.rng;
    const ids = {
      userId: `user_${rng.int(0, this.contacts - 1)}`,
      messageId: `live:${this.seed}:${this.stream}:${this.n++}`,
    };
    if (!rng.chance(IDENTIFY_SHARE)) {
      const { event, properties } = drawEvent(rng);
      return { type: "track", event, properties, timestamp: now, ...ids };
    }
    const which = rng.int(0, 2);
    const traits =
      which === 0
        ? { plan: PLANS.draw(rng) }
        : which === 1
          ? { role: ROLES.draw(rng) }
          : { company_size: Math.floor(10 ** (rng.next() * 4)) };
    return { type: "identify", traits, timestamp: now, ...ids };
  }
}
