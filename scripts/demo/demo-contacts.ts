import { DAY_MS, type GeneratedContact, generateContact } from "../../bench/data/contact-generator.ts";
import { contactMessages } from "../../bench/data/contact-messages.ts";
import { createRng, deriveSeed } from "../../bench/data/prng.ts";
import type { IngestMessage } from "../../packages/client/src/index.ts";
import { pickName, SEQUENCES, TRIAL_DAYS } from "./demo-vocabulary.ts";

export interface DemoDataOptions {
  seed: number;
  /** The data set's "now": events lie in the 90 days before it. */
  now: number;
  /** Mean events per contact. */
  meanEvents: number;
}

/** Demo details drawn from their own seed, so the bench generator's contacts stay as they are. */
const DEMO_SALT = 0x5e9d;

/**
 * Contact `index` of the demo: the benchmark generator's contact, plus what a real workspace
 * would also know: a name and email, recent free signups on a 14-day trial, and which drip
 * sequence the active ones are in.
 */
export function demoContact(index: number, options: DemoDataOptions): GeneratedContact {
  const contact = generateContact(index, options);
  const rng = createRng(deriveSeed(options.seed ^ DEMO_SALT, index));
  const { first, last } = pickName(rng);
  const properties: Record<string, unknown> = {
    ...contact.properties,
    name: `${first} ${last}`,
    email: `${first}.${last}.${index}@example.com`.toLowerCase(),
  };
  const recent = options.now - contact.signupAt < TRIAL_DAYS * DAY_MS;
  if (recent && properties.plan === "free" && rng.chance(0.6)) {
    properties.plan = "trial";
    properties.trial_ends_at = new Date(contact.signupAt + TRIAL_DAYS * DAY_MS).toISOString();
  }
  const sequences = properties.sequences as { active: boolean } | undefined;
  if (sequences?.active === true) {
    properties.sequences = { ...sequences, name: SEQUENCES.draw(rng), step: rng.int(1, 6) };
  }
  return { ...contact, properties };
}

/** The contact's messages as `/v1/batch` takes them; the messageIds make a re-run a no-op. */
export function demoMessages(contact: GeneratedContact): IngestMessage[] {
  return contactMessages(contact).flatMap((m, i): IngestMessage[] => {
    const common = {
      userId: contact.id,
      messageId: `demo-${contact.id}-${i}`,
      timestamp: "timestamp" in m ? new Date(m.timestamp).toISOString() : undefined,
    };
    if (m.type === "identify") return [{ ...common, type: "identify", traits: { ...m.traits } }];
    if (m.type === "track")
      return [{ ...common, type: "track", event: m.event, properties: { ...m.properties } }];
    if (m.type === "score") return [{ ...common, type: "score", score: m.score, value: m.value }];
    return []; // static list membership: not a message of this data set
  });
}
