import type { BucketCondition, ListCondition, SegmentCondition } from "../schema/conditions.ts";
import type { ContactState } from "../state/contact-state.ts";
import { bucketOf, inBucket } from "../values/bucket.ts";
import { type CompiledNode, timeless } from "./compiled-node.ts";

/** Membership of another segment, as the caller's lookup reports it (with its next change). */
export function compileSegment(c: SegmentCondition): CompiledNode {
  const negate = c.operator === "not_in";
  return {
    test: (_s, _now, seg) => seg(c.segment).member !== negate,
    evaluate: (_s, _now, seg) => {
      const m = seg(c.segment);
      return { result: m.member !== negate, next: m.next ?? Number.POSITIVE_INFINITY };
    },
  };
}

export function compileList(c: ListCondition): CompiledNode {
  const negate = c.operator === "not_in";
  return timeless((s) => (s.lists?.has(c.list) === true) !== negate);
}

/** A stable pseudo-random share: the hash is computed once per contact and salt. */
export function compileBucket(c: BucketCondition, workspaceId: string): CompiledNode {
  const bucket = (s: ContactState): number => {
    s.buckets ??= new Map();
    let b = s.buckets.get(c.salt);
    if (b === undefined) {
      b = bucketOf(workspaceId, c.salt, s.id);
      s.buckets.set(c.salt, b);
    }
    return b;
  };
  return timeless((s) => inBucket(bucket(s), c.percent));
}
