import { type Rng, weighted } from "../../bench/data/prng.ts";

/** Names for the demo's contacts, so the dashboard shows people rather than bare ids. */
export const FIRST_NAMES: readonly string[] = (
  "Ada Ben Chloe Dev Elena Farid Grace Hiro Ines Jonas Kemi Liam Maya Noor Oscar Priya Quinn Rosa " +
  "Sami Tara Umar Vera Wen Ximena Yusuf Zoe Aiko Bruno Carmen Dmitri Esther Felix Gita Hugo Ivy Jun"
).split(" ");

export const LAST_NAMES: readonly string[] = (
  "Adams Berg Costa Dubois Eze Fischer Garcia Haddad Ito Jensen Kowalski Lopez Moreau Nakamura " +
  "Okafor Patel Quist Rossi Silva Tanaka Ueda Varga Weber Xu Yilmaz Zhang"
).split(" ");

/** The drip sequences a contact can be in (the `sequences.name` module field). */
export const SEQUENCES = weighted([
  ["onboarding", 50],
  ["trial_conversion", 20],
  ["winback", 15],
  ["product_updates", 15],
] as const);

export const TRIAL_DAYS = 14;

/** @example pickName(rng) // { first: "Grace", last: "Okafor" } */
export function pickName(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}
