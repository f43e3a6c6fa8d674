/** Short builders for scenario tables, so each row reads like a sentence. */
import type { SegmentDefinition } from "../../src/dependencies/index.ts";
import type { TimeUnit } from "../../src/schema/primitives.ts";
import type { Node } from "../../src/schema/rule.ts";
import type { Step, TimeInput } from "../support/scenario.ts";

type Props = Record<string, unknown>;

/** A segment whose rule is the AND of `children`. */
export function segment(id: string, ...children: Node[]): SegmentDefinition {
  return { id, rule: { type: "group", combinator: "and", children } };
}

export function identify(contact: string, traits: Props, timestamp?: TimeInput): Step {
  return { ingest: { contact, message: { type: "identify", traits, timestamp } } };
}

export function track(contact: string, event: string, timestamp?: TimeInput, properties: Props = {}): Step {
  return { ingest: { contact, message: { type: "track", event, properties, timestamp } } };
}

export function score(contact: string, name: string, value: number, timestamp?: TimeInput): Step {
  return { ingest: { contact, message: { type: "score", score: name, value, timestamp } } };
}

export function listEdit(contact: string, list: string, member: boolean): Step {
  return { ingest: { contact, message: { type: "list", list, member } } };
}

export function advance(amount: number, unit: TimeUnit): Step {
  return { advance: { amount, unit } };
}

export function at(iso: string): Step {
  return { at: iso };
}

export function members(segmentId: string, ids: string[]): Step {
  return { expect: { segment: segmentId, members: ids } };
}

export function flipAt(segmentId: string, contact: string, iso: string, member: boolean): Step {
  return { expectFlipAt: { segment: segmentId, contact, at: iso, member } };
}
