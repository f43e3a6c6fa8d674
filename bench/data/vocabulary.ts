import { type Rng, weighted } from "./prng.ts";

/** Plan mix of a typical freemium product. */
export const PLANS = weighted([
  ["free", 70],
  ["pro", 20],
  ["team", 9],
  ["enterprise", 1],
] as const);

/** 50 ISO country codes; a Zipf-like weight (1/rank) makes the first few dominate, as in real data. */
export const COUNTRY_CODES: readonly string[] = (
  "US GB DE IN FR CA BR AU NL ES IT SE JP PL MX CH BE IE DK NO FI AT PT IL SG " +
  "KR NZ AR CO CL ZA NG KE EG TR RO CZ HU GR UA PH ID VN TH MY PK BD AE SA EE"
).split(" ");
export const COUNTRIES = weighted(COUNTRY_CODES.map((c, i) => [c, 1 / (i + 1)] as const));

export const ROLES = weighted([
  ["engineer", 30],
  ["founder", 15],
  ["product", 15],
  ["marketing", 14],
  ["growth", 8],
  ["sales", 8],
  ["support", 5],
  ["student", 5],
] as const);

/** NPS answers lean towards promoters, as they do among people who answer at all. */
export const NPS = weighted([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => [v, v < 7 ? 3 : 12] as const));

type PropertyMaker = (rng: Rng) => Record<string, unknown>;

/** The 10 event names, with a skewed frequency and a maker for each one's properties. */
const EVENT_TYPES: readonly (readonly [string, number, PropertyMaker])[] = [
  ["session_started", 35, (r) => ({ device: r.pick(["web", "ios", "android"]) })],
  ["page_viewed", 20, (r) => ({ path: r.pick(["/", "/docs", "/blog", "/changelog", "/settings"]) })],
  ["feature_used", 14, (r) => ({ feature: r.pick(["segments", "broadcasts", "nudges", "reports"]) })],
  ["broadcast.opened", 9, (r) => ({ broadcast_id: `b_${r.int(1, 200)}` })],
  ["nudge.dismissed", 7, (r) => ({ nudge_id: `n_${r.int(1, 40)}` })],
  ["viewed_pricing_page", 6, (r) => ({ page: r.pick(["/pricing", "/pricing/compare", "/pricing/team"]) })],
  ["invite_sent", 4, (r) => ({ channel: r.pick(["email", "link"]) })],
  ["onboarding_completed", 2.5, (r) => ({ steps: r.int(3, 7) })],
  ["started_checkout", 1.5, (r) => ({ plan: r.pick(["pro", "team"]) })],
  // Whole amounts, so that sums are exact in any order and peers agree to the unit.
  ["purchase", 1, (r) => ({ amount: r.int(9, 999), currency: "USD" })],
];

export const EVENT_NAMES = EVENT_TYPES.map(([name]) => name);

const EVENTS = weighted(EVENT_TYPES.map(([name, w, make]) => [{ name, make }, w] as const));

/** One event name and its properties, drawn with the skewed frequency. */
export function drawEvent(rng: Rng): { event: string; properties: Record<string, unknown> } {
  const { name, make } = EVENTS.draw(rng);
  return { event: name, properties: make(rng) };
}
