import { type CompiledNode, compileRule } from "../evaluator/index.ts";
import type { ContactMessage, SegmentLookup, SegmentMembership } from "../model.ts";
import type { Group } from "../schema/rule.ts";
import { forEachCondition } from "../schema/walk.ts";
import { applyMessage } from "../state/apply-message.ts";
import { ContactState } from "../state/contact-state.ts";
import { StateLayout } from "../state/state-layout.ts";

export interface SegmentDefinition {
  id: string;
  rule: Group;
}

interface Compiled {
  node: CompiledNode;
  /** Whether the rule reads other segments (then lookups recurse). */
  composite: boolean;
}

const NO_SEGMENTS: SegmentLookup = (id) => {
  throw new Error(`segment ${id} is read by a rule compiled as not reading segments`);
};

/**
 * The per-contact evaluator of one workspace's segments: keeps a compact state per contact
 * (only what the rules read), updates it message by message and answers membership with the
 * next instant at which it can change by time alone.
 * @example
 * const engine = new SegmentEngine("ws_1", [{ id: "promoters", rule }]);
 * const s = engine.createState("u1");
 * engine.apply(s, { type: "score", score: "nps", value: 9, timestamp: t });
 * engine.evaluate("promoters", s, now); // { member: true, next: null }
 */
export class SegmentEngine {
  readonly layout: StateLayout;
  /** Segment ids, each after every segment it references. */
  readonly order: readonly string[];
  private readonly compiled = new Map<string, Compiled>();

  constructor(
    readonly workspaceId: string,
    segments: readonly SegmentDefinition[],
  ) {
    this.layout = StateLayout.fromRules(segments.map((s) => s.rule));
    this.order = topologicalOrder(segments);
    for (const s of segments) {
      let composite = false;
      forEachCondition(s.rule, (c) => {
        if (c.type === "segment") composite = true;
      });
      this.compiled.set(s.id, { node: compileRule(s.rule, this.layout, workspaceId), composite });
    }
  }

  createState(contactId: string): ContactState {
    return new ContactState(contactId, this.layout);
  }

  apply(state: ContactState, message: ContactMessage): void {
    applyMessage(this.layout, state, message);
  }

  /** Membership only: the hot path. */
  test(segmentId: string, state: ContactState, now: number): boolean {
    const c = this.get(segmentId);
    if (!c.composite) return c.node.test(state, now, NO_SEGMENTS);
    return c.node.test(state, now, (id) => ({ member: this.test(id, state, now), next: null }));
  }

  /** Membership and next-change instant of one segment (referenced segments evaluated too). */
  evaluate(segmentId: string, state: ContactState, now: number): SegmentMembership {
    return this.evaluateWith(segmentId, state, now, new Map());
  }

  /** Every segment's membership, evaluated once each in dependency order. */
  evaluateAll(state: ContactState, now: number): Map<string, SegmentMembership> {
    const memo = new Map<string, SegmentMembership>();
    for (const id of this.order) this.evaluateWith(id, state, now, memo);
    return memo;
  }

  /** Approximate bytes retained by one contact's state. */
  stateBytes(state: ContactState): number {
    return state.byteSize();
  }

  private evaluateWith(
    id: string,
    state: ContactState,
    now: number,
    memo: Map<string, SegmentMembership>,
  ): SegmentMembership {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const c = this.compiled.get(id);
    // An unknown reference (validation prevents it) is simply not a member.
    const o =
      c === undefined
        ? { result: false, next: Number.POSITIVE_INFINITY }
        : c.node.evaluate(state, now, (ref) => this.evaluateWith(ref, state, now, memo));
    const m = { member: o.result, next: Number.isFinite(o.next) ? o.next : null };
    memo.set(id, m);
    return m;
  }

  private get(id: string): Compiled {
    const c = this.compiled.get(id);
    if (c === undefined) throw new Error(`unknown segment ${id}`);
    return c;
  }
}

function topologicalOrder(segments: readonly SegmentDefinition[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const byId = new Map(segments.map((s) => [s.id, s]));
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const s = byId.get(id);
    if (s === undefined) return;
    forEachCondition(s.rule, (c) => {
      if (c.type === "segment") visit(c.segment);
    });
    out.push(id);
  };
  for (const s of segments) visit(s.id);
  return out;
}
