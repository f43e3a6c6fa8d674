import type { SegmentLookup } from "../model.ts";
import type { ContactState } from "../state/contact-state.ts";

/** A result and the earliest instant after `now` at which it can change with no new data. */
export interface Outcome {
  result: boolean;
  /** Epoch ms; Infinity when the result never changes by time alone. */
  next: number;
}

/** A rule node compiled against a StateLayout into closures. */
export interface CompiledNode {
  /** Membership only: the hot path. */
  test(s: ContactState, now: number, segments: SegmentLookup): boolean;
  /** Membership plus next-change instant. */
  evaluate(s: ContactState, now: number, segments: SegmentLookup): Outcome;
}

/** A node whose truth never changes by time alone. */
export function timeless(test: CompiledNode["test"]): CompiledNode {
  return { test, evaluate: (s, now, seg) => ({ result: test(s, now, seg), next: Number.POSITIVE_INFINITY }) };
}
