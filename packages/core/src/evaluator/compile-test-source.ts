import type { Condition, EventCondition, PropertyCondition, ScoreCondition } from "../schema/conditions.ts";
import type { Duration } from "../schema/primitives.ts";
import type { Node } from "../schema/rule.ts";
import { lowerBoundIn, upperBoundIn } from "../state/sorted.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { boundary, timesEndFrom } from "../state/tracker-span.ts";
import { parseIsoDate } from "../values/dates.ts";
import { durationMs } from "../values/durations.ts";
import { compileRule } from "./compile-rule.ts";
import type { CompiledNode } from "./compiled-node.ts";
import { compileValuePredicate } from "./value-predicate.ts";

/**
 * The hot path as one generated function per rule: conditions inlined as plain expressions
 * over the state's slot arrays, so V8 compiles a rule into straight-line code instead of
 * megamorphic closure calls. Only our own identifiers, slot indices and finite numbers reach
 * the source; every string a user wrote is passed in the constants array `K`, never spliced.
 * Conditions without an inline form call their compiled closure.
 */
export function compileTestFunction(
  node: Node,
  layout: StateLayout,
  workspaceId: string,
): CompiledNode["test"] {
  const K: unknown[] = [];
  const konst = (v: unknown) => `K[${K.push(v) - 1}]`;
  const num = (n: number) => (Number.isFinite(n) ? `(${String(n)})` : konst(n));

  const closure = (c: Node) => `${konst(compileRule(c, layout, workspaceId))}.test(s, now, seg)`;

  // `a` is the value's expression, `d` its date form. `numeric` when `a` is a number or NaN for
  // missing (scores, counts): comparisons then need no type test, as NaN fails them all.
  const compare = (
    c: PropertyCondition | ScoreCondition | EventCondition,
    a: string,
    d: string,
    numeric = false,
  ): string => {
    const v = (c as { value?: unknown }).value;
    const typed = (op: string) =>
      numeric
        ? `(${a} ${op} ${num(v as number)})`
        : `(typeof ${a} === "number" && ${a} ${op} ${num(v as number)})`;
    switch (c.operator) {
      case "exists":
        return numeric ? `(${a} === ${a})` : `(${a} !== undefined)`;
      case "not_exists":
        return numeric ? `(${a} !== ${a})` : `(${a} === undefined)`;
      case "is_true":
        return `(${a} === true)`;
      case "is_false":
        return `(${a} === false)`;
      case "eq":
      case "neq": {
        if ("ignore_case" in c && c.ignore_case === true && typeof v === "string") break;
        const eq = `(${a} === ${typeof v === "number" ? num(v) : konst(v)})`;
        return c.operator === "eq" ? eq : `!${eq}`;
      }
      case "gt":
        return typed(">");
      case "gte":
        return typed(">=");
      case "lt":
        return typed("<");
      case "lte":
        return typed("<=");
      case "within_last":
        return `(now - ${num(durationMs(v as Duration))} <= ${d} && ${d} <= now)`;
      case "more_than_ago":
        return `(${d} < now - ${num(durationMs(v as Duration))})`;
      case "within_next":
        return `(now <= ${d} && ${d} <= now + ${num(durationMs(v as Duration))})`;
      case "before":
        return `(${d} < ${num(parseIsoDate(v as string) as number)})`;
      case "after":
        return `(${d} >= ${num(parseIsoDate(v as string) as number)})`;
      default:
        break;
    }
    const arg = numeric ? `H.some(${a})` : a;
    return `${konst(compileValuePredicate(c))}(${arg}, ${d}, now)`;
  };

  const condition = (c: Condition): string => {
    switch (c.type) {
      case "property": {
        const slot = layout.propertySlot.get(c.property) as number;
        const date = layout.at.date[slot];
        return compare(c, `p[${slot}]`, date === undefined ? "NaN" : `p[${date}]`);
      }
      case "score":
        return compare(c, `p[${layout.at.score[layout.scoreSlot.get(c.score) as number]}]`, "NaN", true);
      case "event":
        return eventCount(c) ?? closure(c);
      case "list":
        return `((s.lists !== undefined && s.lists.has(${konst(c.list)})) === ${c.operator === "in"})`;
      default:
        return closure(c);
    }
  };

  // Counts inline (a window is two binary searches over the tracker's span of `d`); other
  // aggregates use the closure.
  const eventCount = (c: EventCondition): string | undefined => {
    if (c.measure !== undefined && c.measure.aggregate !== "count") return undefined;
    const t = layout.at.span[layout.tracker(c.event, c.where).index];
    const tracker = `d, ${t.startAt}, ${t.startHigh}, ${t.endAt}, ${t.endHigh}, ${t.stride}`;
    const lb = (x: string) => `H.lb(${tracker}, ${x})`;
    const start = `H.b(d, ${t.startAt}, ${t.startHigh})`;
    const w = c.window;
    let count: string;
    if (w === undefined) count = `((H.b(d, ${t.endAt}, ${t.endHigh}) - ${start}) / ${t.stride})`;
    else if ("within_last" in w)
      count = `(H.ub(${tracker}, now) - ${lb(`now - ${num(durationMs(w.within_last))}`)})`;
    else if ("after" in w) count = `(H.end(${tracker}) - ${lb(num(parseIsoDate(w.after) as number))})`;
    else if ("before" in w) count = `(${lb(num(parseIsoDate(w.before) as number))} - ${start})`;
    else
      count = `(${lb(num(parseIsoDate(w.between[1]) as number))} - ${lb(num(parseIsoDate(w.between[0]) as number))})`;
    return compare(c, count, "NaN", true);
  };

  const expr = (n: Node): string => {
    if (n.type !== "group") return condition(n);
    const body = n.children.map(expr).join(n.combinator === "and" ? " && " : " || ");
    return n.negate === true ? `!(${body})` : `(${body})`;
  };

  const source = `"use strict"; return function test(s, now, seg) {
    const p = s.v, d = p[${layout.at.doublesAt}];
    return ${expr(node)};
  };`;
  try {
    const helpers = {
      b: boundary,
      // Bounds within the times of a tracker, given where its boundaries are (see tracker-span.ts).
      lb: boundWithin(lowerBoundIn),
      ub: boundWithin(upperBoundIn),
      end: (d: readonly number[], sa: number, sh: number, ea: number, eh: number, stride: number) =>
        timesEndFrom(d, boundary(d, sa, sh), ea, eh, stride),
      some: (x: number) => (Number.isNaN(x) ? undefined : x),
    };
    return new Function("K", "H", source)(K, helpers) as CompiledNode["test"];
  } catch {
    // Where code generation is forbidden (a strict Content-Security-Policy), use the closures.
    return compileRule(node, layout, workspaceId).test;
  }
}

type Search = (d: readonly number[], lo: number, hi: number, x: number) => number;

/** A search over one tracker's times, located from the boundaries around its columns. */
function boundWithin(search: Search) {
  return (
    d: readonly number[],
    sa: number,
    sh: number,
    ea: number,
    eh: number,
    stride: number,
    x: number,
  ) => {
    const lo = boundary(d, sa, sh);
    return search(d, lo, timesEndFrom(d, lo, ea, eh, stride), x);
  };
}
