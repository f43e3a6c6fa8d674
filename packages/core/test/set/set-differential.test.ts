/**
 * The set evaluator against the reference interpreter and the per-contact engine, on random
 * rules and random data (incremental applies with late events, bulk loads, deletes, re-created
 * contacts, segment references): every contact's membership must agree, and an evaluation over
 * a sample of blocks must equal the full result restricted to those blocks.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceMemberships } from "../../src/reference/index.ts";
import type { Group } from "../../src/schema/rule.ts";
import { evaluateInScope } from "../../src/set/evaluate-set.ts";
import { type Bitset, estimateSet, evaluateSet } from "../../src/set/index.ts";
import { scopeOf } from "../../src/set/set-scope.ts";
import { interestingInstants, PROPERTIES, rule, time } from "../support/arbitraries.ts";
import { build, contactPlans, WS } from "./set-harness.ts";

const RUNS = Number(process.env.FC_RUNS ?? 2_000);

/** Reads every property name once, so that derived (dotted) columns exist before most writes. */
const everyProperty = {
  type: "group",
  combinator: "or",
  children: PROPERTIES.map((property) => ({ type: "property", property, operator: "exists" })),
} as Group;

const caseArb = fc.record({
  bases: fc.array(rule([], 2), { minLength: 2, maxLength: 2 }),
  main: rule(["s0", "s1"], 5),
  plans: contactPlans,
  now: time,
  pick: fc.nat(),
  blockBits: fc.constantFrom(0, 1, 2, 12),
  sampleMask: fc.nat(),
  compact: fc.constantFrom("never", "midway", "end"),
  // 2: every AND narrows its later children to its running result (the large-dataset path).
  focusBelow: fc.constantFrom(1 / 16, 2),
});

describe("set evaluator == reference interpreter == per-contact engine", () => {
  it(`agrees for every contact on random rules and data (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const segments = [
          { id: "s0", rule: c.bases[0] as Group },
          { id: "s1", rule: c.bases[1] as Group },
          { id: "main", rule: c.main },
        ];
        // Event blocks sorted by time midway or at the end (then appends form a new tail), or never.
        const { dataset, live, engine } = build(c.plans, segments, c.blockBits, c.focusBelow, (ds) => {
          evaluateSet(everyProperty, ds, c.now);
          if (c.compact === "midway") ds.compact();
        });
        if (c.compact === "end") dataset.compact();
        const edges = interestingInstants(c.plans.flatMap((p) => [...p.msgs, ...p.again]));
        const now = edges.length > 0 && c.pick % 2 === 0 ? edges[c.pick % edges.length] : c.now;

        const stored = new Map<string, Bitset>();
        for (const s of segments.slice(0, 2)) stored.set(s.id, evaluateSet(s.rule, dataset, now));
        const lookup = (id: string) => stored.get(id) as Bitset;
        const members = evaluateSet(c.main, dataset, now, lookup);

        for (const contact of live) {
          const expected = referenceMemberships(segments, contact.snapshot, WS, now);
          for (const s of segments.slice(0, 2)) {
            expect(stored.get(s.id)?.has(contact.index), `${s.id} ${contact.id}`).toBe(expected.get(s.id));
          }
          expect(members.has(contact.index), contact.id).toBe(expected.get("main"));
          expect(engine.test("main", contact.state, now)).toBe(expected.get("main"));
        }
        // Tombstones are never members.
        expect(members.count()).toBe(live.filter((l) => members.has(l.index)).length);

        // A sample of blocks: exactly the full result inside them.
        const blocks = Array.from({ length: dataset.blockCount }, (_, b) => b).filter(
          (b) => (c.sampleMask >>> (b % 31)) & 1,
        );
        const scope = scopeOf(dataset, now, blocks);
        const sampled = evaluateInScope(c.main, scope, lookup);
        expect(sampled.toArray()).toEqual(members.copy().and(scope.members).toArray());
        const whole = estimateSet(c.main, dataset, now, { sampleFraction: 1, segmentMembers: lookup });
        expect(whole).toMatchObject({ estimate: members.count(), errorBound: 0, exact: true });
      }),
      { numRuns: RUNS, seed: 20261130 },
    );
  }, 600_000);
});
