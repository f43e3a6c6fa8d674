import { z } from "zod";
import {
  BucketCondition,
  type Condition,
  EventCondition,
  EventTimeCondition,
  ListCondition,
  PropertyCondition,
  ScoreCondition,
  SegmentCondition,
  SequenceCondition,
} from "./conditions.ts";
import { LIMITS } from "./primitives.ts";

/** Version of the stored rule format; bumped (with a migration) whenever the grammar changes. */
export const RULE_SCHEMA_VERSION = 1;

export interface Group {
  type: "group";
  combinator: "and" | "or";
  negate?: boolean | undefined;
  children: Node[];
}
export type Node = Group | Condition;

/** An AND/OR group (optionally negated) of 1..100 conditions or nested groups. */
export const Group = z.strictObject({
  type: z.literal("group"),
  combinator: z.enum(["and", "or"]),
  negate: z.boolean().optional(),
  get children(): z.ZodArray<typeof RuleNode> {
    return z.array(RuleNode).min(1).max(LIMITS.maxChildren);
  },
});

/** Any node of a rule tree, told apart by `type`. */
export const RuleNode = z.discriminatedUnion("type", [
  Group,
  PropertyCondition,
  ScoreCondition,
  EventCondition,
  EventTimeCondition,
  SegmentCondition,
  SequenceCondition,
  ListCondition,
  BucketCondition,
]);

/** A rule as stored with a segment: the tree plus the version of the format it was written in. */
export const StoredRule = z.strictObject({
  version: z.literal(RULE_SCHEMA_VERSION),
  rule: Group,
});
export type StoredRule = { version: typeof RULE_SCHEMA_VERSION; rule: Group };

export function isGroup(node: Node): node is Group {
  return node.type === "group";
}

// Compile-time proof that the hand-written recursive types match the schemas.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const groupMatchesSchema: Equals<z.infer<typeof Group>, Group> = true;
const nodeMatchesSchema: Equals<z.infer<typeof RuleNode>, Node> = true;
void groupMatchesSchema;
void nodeMatchesSchema;
