import type { Condition } from "../../packages/core/src/schema/conditions.ts";
import type { Group } from "../../packages/core/src/schema/rule.ts";
import { createRng, type Rng } from "../data/prng.ts";
import { COUNTRY_CODES, EVENT_NAMES } from "../data/vocabulary.ts";

const PLANS = ["free", "pro", "team", "enterprise"];
const days = (rng: Rng, lo: number, hi: number) => ({ amount: rng.int(lo, hi), unit: "day" as const });

/** One condition a marketer might add in the builder, over the generator's fields. */
function randomCondition(rng: Rng): Condition {
  switch (rng.int(0, 10)) {
    case 0:
      return {
        type: "property",
        property: "plan",
        operator: rng.pick(["eq", "neq"] as const),
        value: rng.pick(PLANS),
      };
    case 1:
      return {
        type: "property",
        property: "country",
        operator: "in",
        value: [rng.pick(COUNTRY_CODES), rng.pick(COUNTRY_CODES)],
      };
    case 2:
      return { type: "property", property: "company_size", operator: "gte", value: rng.int(1, 2000) };
    case 3:
      return {
        type: "property",
        property: "signup_date",
        operator: rng.pick(["within_last", "more_than_ago"] as const),
        value: days(rng, 1, 365),
      };
    case 4:
      return { type: "property", property: "referrals.count", operator: "gte", value: rng.int(1, 3) };
    case 5:
      return {
        type: "score",
        score: rng.pick(["nps", "engagement"]),
        operator: "gte",
        value: rng.int(0, 60),
      };
    case 6:
      return {
        type: "event",
        event: rng.pick(EVENT_NAMES),
        window: { within_last: days(rng, 1, 90) },
        operator: "gte",
        value: rng.int(1, 8),
      };
    case 7:
      return {
        type: "event",
        event: "purchase",
        measure: { aggregate: rng.pick(["sum", "max", "avg"] as const), property: "amount" },
        window: { within_last: days(rng, 7, 90) },
        operator: "gte",
        value: rng.int(10, 500),
      };
    case 8:
      return {
        type: "event",
        event: "viewed_pricing_page",
        where: [{ property: "page", operator: "starts_with", value: rng.pick(["/pricing/t", "/pricing/c"]) }],
        operator: "gte",
        value: 1,
      };
    case 9:
      return {
        type: "event_time",
        event: rng.pick(EVENT_NAMES),
        which: rng.pick(["first", "last"] as const),
        operator: "within_last",
        value: days(rng, 1, 60),
      };
    default:
      return {
        type: "sequence",
        steps: [{ event: "viewed_pricing_page" }, { event: "started_checkout" }],
        within: days(rng, 1, 7),
        window: { within_last: days(rng, 7, 60) },
        operator: "performed",
      };
  }
}

/**
 * `count` successive versions of a rule as a marketer edits it: each adds, removes or replaces
 * one condition of an AND (sometimes under an OR), starting from one condition. Deterministic.
 */
export function ruleEdits(count: number, seed = 5): Group[] {
  const rng = createRng(seed);
  let children: Condition[] = [randomCondition(rng)];
  const out: Group[] = [];
  for (let k = 0; k < count; k++) {
    const move = rng.int(0, 2);
    if (move === 0 && children.length < 5) children = [...children, randomCondition(rng)];
    else if (move === 1 && children.length > 1)
      children = children.filter((_, i) => i !== rng.int(0, children.length - 1));
    else
      children = children.map((c, i) => (i === rng.int(0, children.length - 1) ? randomCondition(rng) : c));
    const either = rng.chance(0.2) && children.length > 1;
    out.push(
      either
        ? {
            type: "group",
            combinator: "and",
            children: [
              { type: "group", combinator: "or", children: children.slice(0, 2) },
              ...children.slice(2),
            ],
          }
        : { type: "group", combinator: "and", children },
    );
  }
  return out;
}
