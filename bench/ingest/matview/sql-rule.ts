import type {
  Condition,
  EventCondition,
  EventFilter,
  EventTimeCondition,
  SequenceCondition,
} from "../../../packages/core/src/schema/conditions.ts";
import type { Duration } from "../../../packages/core/src/schema/primitives.ts";
import type { Group, Node } from "../../../packages/core/src/schema/rule.ts";
import { durationMs } from "../../../packages/core/src/values/durations.ts";
import { sqlJsonb, sqlNumber, sqlString, viewName } from "./sql-literals.ts";

/**
 * Compiles a rule into a boolean SQL expression over `contacts c` (props and scores as jsonb) and
 * `events e` (contact_id, event, ts as epoch ms, props as jsonb), for the materialized-view peer.
 * "Now" is `(select now_ms from bench_clock)`, so a refresh sees one instant throughout and the
 * agreement check can pin it. Every condition is wrapped in coalesce(…, false): RULES.md is
 * two-valued (a missing value fails a positive operator and passes its negation), SQL is not.
 * Covers what the benchmark's segments use; anything else throws `Unsupported`.
 */
export class Unsupported extends Error {}

const NOW = "(select now_ms from bench_clock)";

export function ruleSql(rule: Group): string {
  return node(rule);
}

function node(n: Node): string {
  if (n.type === "group") {
    const body = `(${n.children.map(node).join(n.combinator === "and" ? " and " : " or ")})`;
    return n.negate ? `(not ${body})` : body;
  }
  return `coalesce(${condition(n)}, false)`;
}

function condition(c: Condition): string {
  switch (c.type) {
    case "property":
      if (c.ignore_case) throw new Unsupported("ignore_case");
      return valueTest(propertyPath("c.props", c.property), c);
    case "score":
      return valueTest(`(c.scores -> ${sqlString(c.score)})`, c);
    case "event":
      return compareNumber(eventAggregate(c), c);
    case "event_time":
      return dateTest(eventTime(c), c);
    case "sequence":
      return `${c.operator === "not_performed" ? "not " : ""}${sequenceExists(c)}`;
    case "segment":
      return `(c.id ${c.operator === "in" ? "in" : "not in"} (select id from ${viewName(c.segment)}))`;
    default:
      throw new Unsupported(c.type);
  }
}

/** A property read as RULES.md says: the literal key first, then the dot path. */
function propertyPath(column: string, name: string): string {
  const literal = `(${column} -> ${sqlString(name)})`;
  if (!name.includes(".")) return literal;
  return `coalesce(${literal}, ${column} #> ${sqlString(`{${name.split(".").join(",")}}`)})`;
}

const asNumber = (x: string) => `(case when jsonb_typeof(${x}) = 'number' then (${x})::numeric end)`;
/** A date as epoch ms: a number is one already; a string is parsed as ISO 8601 (the data's are all valid). */
const asDate = (x: string) =>
  `(case jsonb_typeof(${x}) when 'number' then (${x})::numeric when 'string' then extract(epoch from (${x} #>> '{}')::timestamptz) * 1000 end)`;

type ValueCondition = { operator: string; value?: unknown };

/** A property, score or filter value (jsonb) under an operator of RULES.md. */
function valueTest(x: string, c: ValueCondition): string {
  switch (c.operator) {
    case "exists":
      return `(${x} is not null and ${x} <> 'null'::jsonb)`;
    case "not_exists":
      return `(${x} is null or ${x} = 'null'::jsonb)`;
    case "eq":
      return `(${x} = ${sqlJsonb(c.value)})`;
    case "neq":
      return `(${x} is distinct from ${sqlJsonb(c.value)})`;
    case "in":
    case "not_in": {
      const list = (c.value as unknown[]).map(sqlJsonb).join(", ");
      return c.operator === "in" ? `(${x} in (${list}))` : `(${x} is null or ${x} not in (${list}))`;
    }
    case "is_true":
      return `(${x} = 'true'::jsonb)`;
    case "is_false":
      return `(${x} = 'false'::jsonb)`;
    case "within_last":
    case "more_than_ago":
      return dateTest(asDate(x), c);
    default:
      return compareNumber(asNumber(x), c);
  }
}

function compareNumber(x: string, c: ValueCondition): string {
  const ops: Record<string, string> = { eq: "=", neq: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" };
  if (c.operator in ops) return `(${x} ${ops[c.operator]} ${sqlNumber(c.value as number)})`;
  if (c.operator === "between") {
    const [lo, hi] = c.value as [number, number];
    if (typeof lo !== "number") throw new Unsupported("between dates");
    return `(${x} between ${sqlNumber(lo)} and ${sqlNumber(hi)})`;
  }
  throw new Unsupported(`operator ${c.operator}`);
}

function dateTest(t: string, c: ValueCondition): string {
  if (c.operator === "exists") return `(${t} is not null)`;
  const d = sqlNumber(durationMs(c.value as Duration));
  if (c.operator === "within_last") return `(${t} between ${NOW} - ${d} and ${NOW})`;
  if (c.operator === "more_than_ago") return `(${t} < ${NOW} - ${d})`;
  throw new Unsupported(`date operator ${c.operator}`);
}

/** `e`'s name, `where` filters and (optionally) window, as SQL conditions on alias `e`. */
function eventMatch(e: string, event: string, where: readonly EventFilter[] | undefined): string {
  const filters = (where ?? []).map((f) => {
    if (f.ignore_case) throw new Unsupported("ignore_case");
    return `coalesce(${valueTest(propertyPath(`${e}.props`, f.property), f)}, false)`;
  });
  return [`${e}.contact_id = c.id`, `${e}.event = ${sqlString(event)}`, ...filters].join(" and ");
}

function windowSql(e: string, window: EventCondition["window"]): string[] {
  if (window === undefined) return [];
  if (!("within_last" in window)) throw new Unsupported("absolute windows");
  return [`${e}.ts between ${NOW} - ${sqlNumber(durationMs(window.within_last))} and ${NOW}`];
}

function eventAggregate(c: EventCondition): string {
  const where = [eventMatch("e", c.event, c.where), ...windowSql("e", c.window)].join(" and ");
  const m = c.measure ?? { aggregate: "count" as const };
  if (m.aggregate === "count") return `(select count(*) from events e where ${where})`;
  if (m.aggregate !== "sum") throw new Unsupported(`aggregate ${m.aggregate}`);
  return `(select coalesce(sum(${asNumber(`(e.props -> ${sqlString(m.property)})`)}), 0) from events e where ${where})`;
}

function eventTime(c: EventTimeCondition): string {
  return `(select ${c.which === "first" ? "min" : "max"}(e.ts) from events e where ${eventMatch("e", c.event, c.where)})`;
}

/** Nested EXISTS: step k strictly after step k-1 and no later than `within` after step 1. */
function sequenceExists(c: SequenceCondition): string {
  const limit = c.within === undefined ? undefined : sqlNumber(durationMs(c.within));
  const step = (k: number): string => {
    const e = `s${k}`;
    const conds = [eventMatch(e, c.steps[k].event, c.steps[k].where)];
    if (k === 0) conds.push(...windowSql(e, c.window));
    else {
      conds.push(`${e}.ts > s${k - 1}.ts`);
      if (limit !== undefined) conds.push(`${e}.ts <= s0.ts + ${limit}`);
    }
    const inner = k + 1 < c.steps.length ? ` and ${step(k + 1)}` : "";
    return `exists (select 1 from events ${e} where ${conds.join(" and ")}${inner})`;
  };
  return `(${step(0)})`;
}
