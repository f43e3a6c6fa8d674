import type { ContactMessage } from "../../packages/core/src/model.ts";
import type { GeneratedContact } from "./contact-generator.ts";

/** Traits that modules (referrals, sequences) set, apart from the signup identify. */
const MODULE_TRAITS = ["referrals", "sequences"];

/**
 * The messages that produce a generated contact, in receive order: the signup identify, a later
 * identify from the modules, the scores, then the events in time order. Applying them in order
 * yields exactly `contact.properties`, `contact.scores` and `contact.events`.
 */
export function contactMessages(contact: GeneratedContact): ContactMessage[] {
  const base: Record<string, unknown> = {};
  const modules: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(contact.properties)) {
    (MODULE_TRAITS.includes(key) ? modules : base)[key] = value;
  }
  const at = contact.signupAt;
  const messages: ContactMessage[] = [{ type: "identify", traits: base, timestamp: at }];
  if (Object.keys(modules).length > 0)
    messages.push({ type: "identify", traits: modules, timestamp: at + 1 });
  for (const [score, value] of Object.entries(contact.scores)) {
    messages.push({ type: "score", score, value, timestamp: at + 2 });
  }
  for (const e of contact.events) {
    messages.push({ type: "track", event: e.event, properties: e.properties, timestamp: e.timestamp });
  }
  return messages;
}
