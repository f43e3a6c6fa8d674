import type { ContactSnapshot } from "../model.ts";
import type { Condition } from "../schema/conditions.ts";
import type { Node } from "../schema/rule.ts";
import { bucketOf, inBucket } from "../values/bucket.ts";
import { lookupProperty } from "../values/property-path.ts";
import { applyOperator } from "./apply-operator.ts";
import { aggregate } from "./event-aggregate.ts";
import { eventTime } from "./event-time.ts";
import { matchingEvents } from "./matching-events.ts";
import { sequencePerformed } from "./sequence-search.ts";

export interface ReferenceContext {
  workspaceId: string;
  now: number;
  isMember: (segmentId: string) => boolean;
}

/**
 * True when the contact matches the rule (a Group or any single Condition) at `ctx.now`.
 * The oracle: a literal transcription of RULES.md and docs/rule-semantics.md that rescans the
 * contact's data on every call; fast evaluators are tested against it.
 * @example referenceEvaluate({ type: "list", list: "vip", operator: "in" }, contact, ctx) // contact.lists.includes("vip")
 */
export function referenceEvaluate(rule: Node, contact: ContactSnapshot, ctx: ReferenceContext): boolean {
  if (rule.type === "group") {
    const results = rule.children.map((child) => referenceEvaluate(child, contact, ctx));
    const holds = rule.combinator === "and" ? results.every(Boolean) : results.some(Boolean);
    return rule.negate === true ? !holds : holds;
  }
  return conditionHolds(rule, contact, ctx);
}

function conditionHolds(c: Condition, contact: ContactSnapshot, ctx: ReferenceContext): boolean {
  switch (c.type) {
    case "property":
      return applyOperator(c, lookupProperty(contact.properties, c.property), ctx.now);
    case "score":
      return applyOperator(
        c,
        Object.hasOwn(contact.scores, c.score) ? contact.scores[c.score] : undefined,
        ctx.now,
      );
    case "event":
      return applyOperator(c, aggregate(matchingEvents(contact.events, c, ctx.now), c.measure), ctx.now);
    case "event_time":
      return applyOperator(c, eventTime(contact.events, c, ctx.now), ctx.now);
    case "segment":
      return c.operator === "in" ? ctx.isMember(c.segment) : !ctx.isMember(c.segment);
    case "sequence": {
      const performed = sequencePerformed(contact.events, c, ctx.now);
      return c.operator === "performed" ? performed : !performed;
    }
    case "list":
      return c.operator === "in" ? contact.lists.includes(c.list) : !contact.lists.includes(c.list);
    case "bucket":
      return inBucket(bucketOf(ctx.workspaceId, c.salt, contact.id), c.percent);
    default: {
      const unreachable: never = c;
      return unreachable;
    }
  }
}
