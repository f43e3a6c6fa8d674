import type { ContactSnapshot, RawEvent } from "../../packages/core/src/model.ts";
import { createRng, deriveSeed, type Rng } from "./prng.ts";
import { COUNTRIES, drawEvent, NPS, PLANS, ROLES } from "./vocabulary.ts";

export const DAY_MS = 86_400_000;
const SIGNUP_SPAN_MS = 730 * DAY_MS;
const EVENT_SPAN_MS = 90 * DAY_MS;
const MAX_EVENTS = 500;

export interface ContactGeneratorOptions {
  seed: number;
  /** The data set's "now": signups lie in the 2 years before it, events in the 90 days before it. */
  now: number;
  /** Mean events per contact (exponentially spread: many light users, a few heavy ones). */
  meanEvents: number;
}

/** A contact with its current (already merged) data, as a snapshot, plus its signup time. */
export interface GeneratedContact extends ContactSnapshot {
  signupAt: number;
  properties: Record<string, unknown>;
  scores: Record<string, number>;
  events: RawEvent[];
}

/**
 * Contact number `index` of the data set: a pure function of (index, options), so a stream can be
 * regenerated, resumed or split without storing it.
 * @example generateContact(0, { seed: 1, now: Date.UTC(2026, 10, 29), meanEvents: 20 }).id // "user_0"
 */
export function generateContact(index: number, options: ContactGeneratorOptions): GeneratedContact {
  const rng = createRng(deriveSeed(options.seed, index));
  const signupAt = drawSignup(rng, options.now);
  return {
    id: `user_${index}`,
    signupAt,
    properties: drawProperties(rng, signupAt),
    scores: drawScores(rng),
    lists: [],
    events: drawEvents(rng, signupAt, options),
  };
}

/**
 * Contacts 0..count-1, one at a time: 1M contacts / 20M events never sit in memory together.
 */
export function* generateContacts(
  count: number,
  options: ContactGeneratorOptions,
): Generator<GeneratedContact> {
  for (let i = 0; i < count; i++) yield generateContact(i, options);
}

/** Signups over 2 years, denser towards now (a growing product): ~4.5% signed up in the last week. */
function drawSignup(rng: Rng, now: number): number {
  return now - Math.floor(SIGNUP_SPAN_MS * rng.next() ** 1.5);
}

function drawProperties(rng: Rng, signupAt: number): Record<string, unknown> {
  const props: Record<string, unknown> = {
    plan: PLANS.draw(rng),
    signup_date: new Date(signupAt).toISOString(),
    // Log-uniform 1..10,000: most companies are small.
    company_size: Math.floor(10 ** (rng.next() * 4)),
    country: COUNTRIES.draw(rng),
    role: ROLES.draw(rng),
  };
  // Namespaced module fields, stored as nested objects and read as "referrals.count".
  if (rng.chance(0.3)) props.referrals = { count: Math.floor(-Math.log(1 - rng.next()) * 1.5) };
  if (rng.chance(0.4)) props.sequences = { active: rng.chance(0.5) };
  return props;
}

function drawScores(rng: Rng): Record<string, number> {
  const scores: Record<string, number> = {};
  if (rng.chance(0.6)) scores.nps = NPS.draw(rng);
  if (rng.chance(0.8)) scores.engagement = rng.int(0, 100);
  return scores;
}

function drawEvents(rng: Rng, signupAt: number, options: ContactGeneratorOptions): RawEvent[] {
  const n = Math.min(MAX_EVENTS, Math.round(-Math.log(1 - rng.next()) * options.meanEvents));
  const from = Math.max(signupAt, options.now - EVENT_SPAN_MS);
  const events: RawEvent[] = [];
  for (let i = 0; i < n; i++) {
    const { event, properties } = drawEvent(rng);
    events.push({ event, timestamp: from + Math.floor(rng.next() * (options.now - from + 1)), properties });
  }
  return events.sort((a, b) => a.timestamp - b.timestamp);
}
