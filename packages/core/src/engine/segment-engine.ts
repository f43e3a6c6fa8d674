import { ruleReferences, type SegmentDefinition, topologicalOrder } from "../dependencies/index.ts";
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
  /**
   * Whether time alone never changes the result (no relative date or window, here or in any
   * segment it reads): then `evaluate` answers with the generated test, several times cheaper
   * than the closures and allocating nothing per node, and no next change.
   */
  timeless: boolean;
  /** Dense number of the segment in this engine (the slots of the `evaluateEach` memo). */
  index: number;
}

/**
 * Called with each segment's membership and next change (null: none) as `evaluateEach` settles
 * it, and the segment's dense number in this engine (-1 for an id it does not know), which lets
 * a caller keep per-segment data in arrays instead of maps by id.
 */
export type MembershipVisitor = (
  segmentId: string,
  member: boolean,
  next: number | null,
  index: number,
) => void;

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
  /** `evaluateEach`'s memo, by segment index: the pass that settled it, its result and next change. */
  private pass = 0;
  private readonly settledIn: number[] = [];
  private readonly memberIn: boolean[] = [];
  private readonly nextIn: number[] = [];
  /** The contact, instant and visitor of the `evaluateEach` call under way. */
  private passState: ContactState | undefined;
  private passNow = 0;
  private passVisit: MembershipVisitor = () => {};
  /** The segment lookup of every rule settled in that call: one function, not a closure per segment. */
  private readonly passLookup: SegmentLookup = (ref) => this.referenced(ref);

  constructor(
    readonly workspaceId: string,
    segments: readonly SegmentDefinition[],
    options: { extending?: StateLayout } = {},
  ) {
    // Growing a previous layout keeps every slot: with an unchanged signature, states built for
    // it stay valid (a changed one means states must be rebuilt: see StateLayout).
    this.layout = (options.extending?.clone() ?? new StateLayout()).extend(segments.map((s) => s.rule));
    this.order = topologicalOrder(segments);
    const byId = new Map(segments.map((s) => [s.id, s]));
    // In topological order, so that every segment a rule reads is compiled (and classed) first.
    for (const id of this.order) {
      const s = byId.get(id);
      if (s === undefined) continue;
      let composite = false;
      forEachCondition(s.rule, (c) => {
        if (c.type === "segment") composite = true;
      });
      const refs = ruleReferences(s.rule);
      // An unknown segment is never a member, whatever the time.
      const timeless =
        !refs.timeDependent && [...refs.segments].every((ref) => this.compiled.get(ref)?.timeless ?? true);
      this.compiled.set(s.id, {
        rule: s.rule,
        node: compileRule(s.rule, this.layout, workspaceId),
        test: compileTestFunction(s.rule, this.layout, workspaceId),
        composite,
        timeless,
        index: this.compiled.size,
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

  /**
   * `evaluateMany` for the ingestion hot path: each segment's result goes to `visit` as soon as
   * it is settled (a referenced one before the segments reading it), and the memo is a few
   * arrays reused from call to call, so a contact's pass allocates no map, entry or result per
   * segment. Not reentrant: `visit` must not evaluate with this engine.
   */
  evaluateEach(
    segmentIds: readonly string[],
    state: ContactState,
    now: number,
    visit: MembershipVisitor,
  ): void {
    ++this.pass;
    this.passState = state;
    this.passNow = now;
    this.passVisit = visit;
    try {
      // Indexed: a for-of here allocated an iterator result per segment on the hot path.
      for (let k = 0; k < segmentIds.length; k++) this.settle(segmentIds[k]);
    } finally {
      // The state is not kept alive by the engine once the call is over.
      this.passState = undefined;
    }
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
    let m: SegmentMembership;
    // An unknown reference (validation prevents it) is simply not a member.
    if (c === undefined) m = { member: false, next: null };
    else if (c.timeless) {
      // Inline, not in a named const: a named closure costs a name definition per call under tsx.
      const member = c.test(
        state,
        now,
        c.composite ? (ref) => this.evaluateWith(ref, state, now, memo) : NO_SEGMENTS,
      );
      m = { member, next: null };
    } else {
      const o = c.node.evaluate(state, now, (ref) => this.evaluateWith(ref, state, now, memo));
      m = { member: o.result, next: Number.isFinite(o.next) ? o.next : null };
    }
    memo.set(id, m);
    return m;
  }

  /** One segment's membership in the current `evaluateEach` pass (memoized); the visitor hears it the first time. */
  private settle(id: string): boolean {
    const c = this.compiled.get(id);
    if (c === undefined) {
      this.passVisit(id, false, null, -1);
      return false;
    }
    const i = c.index;
    if (this.settledIn[i] === this.pass) return this.memberIn[i];
    const state = this.passState as ContactState;
    let member: boolean;
    let next = Number.POSITIVE_INFINITY;
    if (c.timeless) {
      member = c.test(state, this.passNow, c.composite ? this.passLookup : NO_SEGMENTS);
    } else {
      const o = c.node.evaluate(state, this.passNow, this.passLookup);
      member = o.result;
      next = o.next;
    }
    this.settledIn[i] = this.pass;
    this.memberIn[i] = member;
    this.nextIn[i] = next;
    this.passVisit(id, member, Number.isFinite(next) ? next : null, i);
    return member;
  }

  private referenced(id: string): SegmentMembership {
    const member = this.settle(id);
    const c = this.compiled.get(id);
    const next = c === undefined ? Number.POSITIVE_INFINITY : this.nextIn[c.index];
    return { member, next: Number.isFinite(next) ? next : null };
  }

  private get(id: string): Compiled {
    const c = this.compiled.get(id);
    if (c === undefined) throw new Error(`unknown segment ${id}`);
    return c;
  }
}
