import type { Condition, EventCondition } from "../../packages/core/src/schema/conditions.ts";
import type { Window } from "../../packages/core/src/schema/primitives.ts";
import { type Group, isGroup, type Node } from "../../packages/core/src/schema/rule.ts";
import { toEpochMs } from "../../packages/core/src/values/dates.ts";
import { durationMs } from "../../packages/core/src/values/durations.ts";
import { lookupProperty } from "../../packages/core/src/values/property-path.ts";
import type { GeneratedContact } from "../data/contact-generator.ts";

/**
 * The peers (json-logic-js, json-rules-engine) evaluate a flat object per contact: they cannot
 * aggregate events or parse dates, so each condition's input is precomputed here at the same `now`.
 * A missing value is left out of the object, as a peer user would do.
 */
export interface Feature {
  key: string;
  /** Whether the value can be absent (properties, scores); event aggregates always have one. */
  optional: boolean;
  read(contact: GeneratedContact, now: number): unknown;
}

const DATE_OPERATORS = new Set(["within_last", "more_than_ago"]);
const safe = (name: string) => name.replace(/[^A-Za-z0-9]/g, "_");

/** The input a peer needs for one leaf condition of the supported subset. */
export function featureOf(c: Condition): Feature {
  switch (c.type) {
    case "property":
      if (DATE_OPERATORS.has(c.operator)) {
        return { key: `p_${safe(c.property)}_ms`, optional: true, read: (k) => dateOf(k, c.property) };
      }
      return {
        key: `p_${safe(c.property)}`,
        optional: true,
        read: (k) => lookupProperty(k.properties, c.property),
      };
    case "score":
      return { key: `s_${safe(c.score)}`, optional: true, read: (k) => k.scores[c.score] };
    case "event":
      return eventFeature(c);
    default:
      throw new Error(`peers cannot express a ${c.type} condition`);
  }
}

/** Every distinct feature a rule reads. */
export function featuresOf(rule: Group): Feature[] {
  const byKey = new Map<string, Feature>();
  const visit = (n: Node): void => {
    if (isGroup(n)) n.children.forEach(visit);
    else {
      const f = featureOf(n);
      byKey.set(f.key, f);
    }
  };
  visit(rule);
  return [...byKey.values()];
}

/** One contact's flat data object for the peers. */
export function peerData(features: readonly Feature[], contact: GeneratedContact, now: number) {
  const data: Record<string, unknown> = {};
  for (const f of features) {
    const v = f.read(contact, now);
    if (v !== undefined && v !== null) data[f.key] = v;
  }
  return data;
}

function dateOf(contact: GeneratedContact, property: string): number | undefined {
  return toEpochMs(lookupProperty(contact.properties, property));
}

function eventFeature(c: EventCondition): Feature {
  if (c.where !== undefined && c.where.length > 0) throw new Error("peers: `where` is not supported");
  const measure = c.measure ?? { aggregate: "count" as const };
  if (measure.aggregate !== "count" && measure.aggregate !== "sum") {
    throw new Error(`peers: ${measure.aggregate} is not supported`);
  }
  const prop = measure.aggregate === "sum" ? measure.property : undefined;
  const key = `e_${safe(c.event)}_${measure.aggregate}${prop ? `_${safe(prop)}` : ""}_${windowKey(c.window)}`;
  const read = (k: GeneratedContact, now: number): number => {
    const from = c.window === undefined ? -Infinity : now - durationMs(withinLast(c.window));
    const to = c.window === undefined ? Infinity : now;
    let total = 0;
    for (const e of k.events) {
      if (e.event !== c.event || e.timestamp < from || e.timestamp > to) continue;
      const v = prop === undefined ? 1 : e.properties[prop];
      if (typeof v === "number") total += v;
    }
    return total;
  };
  return { key, optional: false, read };
}

function withinLast(w: Window) {
  if (!("within_last" in w)) throw new Error("peers: only within_last windows are supported");
  return w.within_last;
}

function windowKey(w: Window | undefined): string {
  if (w === undefined) return "all";
  const d = withinLast(w);
  return `${d.amount}${d.unit}`;
}
