/**
 * The per-contact engine (incrementally maintained state + compiled closures) against the
 * reference interpreter (raw messages folded, every event scanned), on random rules and data:
 * membership must agree, and the reported next-change instant must hold its contract.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SegmentEngine } from "../../src/engine/segment-engine.ts";
import { compileRule, Group as GroupSchema } from "../../src/index.ts";
import type { ContactMessage } from "../../src/model.ts";
import { foldMessages, referenceMemberships } from "../../src/reference/index.ts";
import type { Group } from "../../src/schema/rule.ts";
import { condition, interestingInstants, messages, rule, time } from "../support/arbitraries.ts";

const RUNS = Number(process.env.FC_RUNS ?? 10_000);
const WS = "ws_test";

interface Case {
  bases: Group[];
  main: Group;
  msgs: ContactMessage[];
  now: number;
  pick: number;
}

const caseArb = (mainArb: fc.Arbitrary<Group>) =>
  fc.record({
    bases: fc.array(rule([], 2), { minLength: 2, maxLength: 2 }),
    main: mainArb,
    msgs: messages,
    now: time,
    pick: fc.nat(),
  });

function setup(c: Case) {
  const segments = [
    { id: "s0", rule: c.bases[0] },
    { id: "s1", rule: c.bases[1] },
    { id: "main", rule: c.main },
  ];
  const engine = new SegmentEngine(WS, segments);
  const state = engine.createState("contact-1");
  for (const m of c.msgs) engine.apply(state, m);
  const snapshot = foldMessages("contact-1", c.msgs);
  const reference = (at: number) => referenceMemberships(segments, snapshot, WS, at).get("main") as boolean;
  // A bounded, deterministic sample of the edges keeps each case cheap.
  const all = interestingInstants(c.msgs);
  const stride = Math.max(1, Math.floor(all.length / 12));
  const instants = all.filter((_, i) => i % stride === c.pick % stride);
  // Half the time evaluate exactly on an edge (an event time, a window end, one ms past it).
  const now = all.length > 0 && c.pick % 2 === 0 ? all[c.pick % all.length] : c.now;
  return { engine, state, reference, now, instants };
}

const stats = { compound: 0, early: 0 };

function checkCase(c: Case, single: boolean): void {
  const { engine, state, reference, now, instants } = setup(c);
  const expected = reference(now);
  expect(engine.test("main", state, now)).toBe(expected);
  expect(engine.tester("main")(state, now)).toBe(expected);
  // The closure form of the hot path too (used where code generation is not allowed).
  const closure = compileRule(c.main, engine.layout, WS);
  const lookup = (id: string) => engine.evaluate(id, state, now);
  expect(closure.test(state, now, lookup)).toBe(expected);
  const { member, next } = engine.evaluate("main", state, now);
  expect(member).toBe(expected);
  // The hot path's form: the same results, each segment once, a referenced one before its reader.
  const visited: [string, boolean, number | null][] = [];
  engine.evaluateEach(["main", "s1"], state, now, (id, m, n) => visited.push([id, m, n]));
  const many = engine.evaluateMany(["main", "s1"], state, now);
  expect(visited).toEqual([...many].map(([id, r]) => [id, r.member, r.next]));
  expect(visited.filter(([id]) => id === "main").map(([, m, n]) => [m, n])).toEqual([[member, next]]);
  if (next === null) {
    // Never changes by time alone: check every edge after now, and far in the future.
    for (const t of instants) if (t > now) expect(reference(t)).toBe(expected);
    expect(reference(now + 400 * 86_400_000)).toBe(expected);
    return;
  }
  expect(next).toBeGreaterThan(now);
  // Constant on [now, next): at next - 1 and at every edge inside.
  expect(reference(next - 1)).toBe(expected);
  for (const t of instants) if (t > now && t < next) expect(reference(t)).toBe(expected);
  if (single) {
    expect(reference(next)).toBe(!expected);
  } else {
    stats.compound++;
    if (reference(next) === expected) stats.early++;
  }
}

describe("per-contact engine == reference interpreter", () => {
  it(`agrees on random single conditions, next-change exact (${RUNS} cases)`, () => {
    const single = fc
      .constantFrom("s0", "s1")
      .chain((id) =>
        condition(["s0", "s1"]).map(
          (c): Group => ({ type: "group", combinator: id === "s0" ? "and" : "or", children: [c] }),
        ),
      );
    fc.assert(
      fc.property(caseArb(single), (c) => {
        const refsSegment = c.main.children[0].type === "segment";
        checkCase(c, !refsSegment);
      }),
      { numRuns: RUNS, seed: 20261129 },
    );
  }, 300_000);

  it(`agrees on random nested rules, next-change never late (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(caseArb(rule(["s0", "s1"], 5)), (c) => checkCase(c, false)),
      { numRuns: RUNS, seed: 4242 },
    );
    const earlyShare = stats.early / Math.max(1, stats.compound);
    console.info(
      `next-change early on ${stats.early}/${stats.compound} compound rules with a next (${(earlyShare * 100).toFixed(1)}%)`,
    );
    expect(earlyShare).toBeLessThan(0.25);
  }, 300_000);

  it("draws only rules that the schema accepts", () => {
    fc.assert(
      fc.property(rule(["s0", "s1"], 5), (r) => {
        expect(GroupSchema.safeParse(r).success).toBe(true);
      }),
      { numRuns: 1_000, seed: 7 },
    );
  });
});
