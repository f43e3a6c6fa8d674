import { type SegmentDefinition, topologicalOrder } from "../dependencies/index.ts";
import { type CompiledNode, compileRule, compileTestFunction } from "../evaluator/index.ts";
import { type ExplainNode, explainRule } from "../explain/index.ts";
import type { ContactMessage, SegmentLookup, SegmentMembership } from "../model.ts";
import { forEachCondition } from "../schema/walk.ts";
import { applyMessage } from "../state/apply-message.ts";
import { ContactState } from "../state/contact-state.ts";
import { StateLayout } from "../state/state-layout.ts";

interface Compiled {
  rule: SegmentDefinition["rule"];
  node: CompiledNode;
  /** The generated membership test (the hot path). */
  test: CompiledNode["test"];
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
    options: { extending?: StateLayout } = {},
  ) {
    // Growing a previous layout keeps every slot: with an unchanged signature, states built for
    // it stay valid (a changed one means states must be rebuilt: see StateLayout).
    this.layout = (options.extending?.clone() ?? new StateLayout()).extend(segments.map((s) => s.rule));
    this.order = topologicalOrder(segments);
    for (const s of segments) {
      let composite = false;
      forEachCondition(s.rule, (c) => {
        if (c.type === "segment") composite = true;
      });
      this.compiled.set(s.id, {
        rule: s.rule,
        node: compileRule(s.rule, this.layout, workspaceId),
        test: compileTestFunction(s.rule, this.layout, workspaceId),
        composite,
      });
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
    if (!c.composite) return c.test(state, now, NO_SEGMENTS);
    return c.test(state, now, (id) => ({ member: this.test(id, state, now), next: null }));
  }

  /**
   * The membership test of one segment as a plain function, for loops over many contacts (no
   * lookup by id per call).
   */
  tester(segmentId: string): (state: ContactState, now: number) => boolean {
    const c = this.get(segmentId);
    // A rule that reads no segment never calls the lookup: hand out the generated function itself.
    if (!c.composite) return c.test as (state: ContactState, now: number) => boolean;
    return (state, now) => this.test(segmentId, state, now);
  }

  /** Membership and next-change instant of one segment (referenced segments evaluated too). */
  evaluate(segmentId: string, state: ContactState, now: number): SegmentMembership {
    return this.evaluateWith(segmentId, state, now, new Map());
  }

  /** The given segments' memberships (and those they reference), each evaluated once. */
  evaluateMany(
    segmentIds: Iterable<string>,
    state: ContactState,
    now: number,
  ): Map<string, SegmentMembership> {
    const memo = new Map<string, SegmentMembership>();
    for (const id of segmentIds) this.evaluateWith(id, state, now, memo);
    return memo;
  }

  /** Every segment's membership, evaluated once each in dependency order. */
  evaluateAll(state: ContactState, now: number): Map<string, SegmentMembership> {
    const memo = new Map<string, SegmentMembership>();
    for (const id of this.order) this.evaluateWith(id, state, now, memo);
    return memo;
  }

  /** Why a contact is in or out of a segment: every node's result, the values behind it, its next change. */
  explain(segmentId: string, state: ContactState, now: number): ExplainNode {
    const rule = this.get(segmentId).rule;
    const memo = new Map<string, SegmentMembership>();
    return explainRule(
      rule,
      this.layout,
      state,
      now,
      (id) => this.evaluateWith(id, state, now, memo),
      this.workspaceId,
    );
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
