import type { ContactSnapshot, RawEvent } from "../../src/model.ts";
import { type ReferenceContext, referenceEvaluate } from "../../src/reference/index.ts";
import type { EventCondition, PropertyCondition, SequenceCondition } from "../../src/schema/conditions.ts";
import type { Node } from "../../src/schema/rule.ts";

/** The instant every test evaluates at unless it says otherwise: 2026-01-31T12:00:00Z. */
export const NOW = Date.UTC(2026, 0, 31, 12);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const WORKSPACE = "ws_test";

/** Epoch ms of an ISO date-time, so tables can say when things happen in words. */
export function at(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad date in test: ${iso}`);
  return t;
}

export function contact(partial: Partial<ContactSnapshot> = {}): ContactSnapshot {
  return { id: "user_1", properties: {}, scores: {}, lists: [], events: [], ...partial };
}

export function ev(event: string, timestamp: number, properties: Record<string, unknown> = {}): RawEvent {
  return { event, timestamp, properties };
}

export function context(partial: Partial<ReferenceContext> = {}): ReferenceContext {
  return { workspaceId: WORKSPACE, now: NOW, isMember: () => false, ...partial };
}

/** Evaluates a rule on a contact built from `partial` at `now`. */
export function evaluate(rule: Node, partial: Partial<ContactSnapshot> = {}, now = NOW): boolean {
  return referenceEvaluate(rule, contact(partial), context({ now }));
}

/** A property condition without its `type` and `property`: an operator test as a table row writes it. */
export type PropertyTest = PropertyCondition extends infer C
  ? C extends PropertyCondition
    ? Omit<C, "type" | "property">
    : never
  : never;

/** Applies one operator test to one actual value (`undefined` = the property is absent). */
export function holds(test: PropertyTest, actual: unknown, now = NOW): boolean {
  const rule = { type: "property", property: "x", ...test } as PropertyCondition;
  const properties = actual === undefined ? {} : { x: actual };
  return evaluate(rule, { properties }, now);
}

/** One row of an operator table: what it checks, the test, the actual value, the expected result. */
export type Row = readonly [label: string, test: PropertyTest, actual: unknown, expected: boolean];

/** An event condition on "buy", `eq value` by default; `extra` overrides any field. */
export function eventRule(extra: Partial<EventCondition> = {}, value = 1): EventCondition {
  return { type: "event", event: "buy", operator: "eq", value, ...extra } as EventCondition;
}

/** A `performed` sequence of plain steps (one event name each); `extra` overrides any other field. */
export function sequenceRule(
  names: readonly string[],
  extra: Partial<Omit<SequenceCondition, "type" | "steps">> = {},
): SequenceCondition {
  return { type: "sequence", steps: names.map((event) => ({ event })), operator: "performed", ...extra };
}
