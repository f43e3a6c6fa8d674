import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceEvaluate } from "../../src/reference/index.ts";
import type { Condition } from "../../src/schema/conditions.ts";
import { contact, context, ev, evaluate, holds, NOW, type PropertyTest } from "./fixtures.ts";

// Small pools make equal and case-variant values likely; `anything` covers wrong types.
const word = fc.constantFrom("a", "A", "ab", "Ab", "b", "5", "");
const scalar = fc.oneof(word, fc.constantFrom(0, 5, -1, 2.5));
const actual = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  scalar,
  fc.boolean(),
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(word, scalar, { maxKeys: 2 }),
  fc.anything(),
);
const ignoreCase = fc.option(fc.boolean(), { nil: undefined });

type Twin = { positive: PropertyTest; negative: PropertyTest };
const twins: Record<string, fc.Arbitrary<Twin>> = {
  "exists / not_exists": fc.constant({
    positive: { operator: "exists" },
    negative: { operator: "not_exists" },
  }),
  "eq / neq": fc.record({ v: scalar, ic: ignoreCase }).map(({ v, ic }) => ({
    positive: { operator: "eq", value: v, ignore_case: ic },
    negative: { operator: "neq", value: v, ignore_case: ic },
  })),
  "in / not_in": fc
    .record({ vs: fc.array(scalar, { minLength: 1, maxLength: 4 }), ic: ignoreCase })
    .map(({ vs, ic }) => ({
      positive: { operator: "in", value: vs, ignore_case: ic },
      negative: { operator: "not_in", value: vs, ignore_case: ic },
    })),
  "contains / not_contains": fc.record({ v: word, ic: ignoreCase }).map(({ v, ic }) => ({
    positive: { operator: "contains", value: v, ignore_case: ic },
    negative: { operator: "not_contains", value: v, ignore_case: ic },
  })),
  "includes / not_includes": fc.record({ v: word, ic: ignoreCase }).map(({ v, ic }) => ({
    positive: { operator: "includes", value: v, ignore_case: ic },
    negative: { operator: "not_includes", value: v, ignore_case: ic },
  })),
};

describe("each negative operator is exactly not of its positive twin", () => {
  it.each(Object.entries(twins))("%s on any property value", (_, twin) => {
    fc.assert(
      fc.property(twin, actual, ({ positive, negative }, a) => {
        expect(holds(negative, a)).toBe(!holds(positive, a));
      }),
    );
  });

  it.each(Object.entries(twins))("%s as a where filter splits the events in two", (_, twin) => {
    const events = fc.array(
      actual.map((p) => ev("e", NOW - 1, p === undefined ? {} : { p })),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(twin, events, ({ positive, negative }, evs) => {
        const count = (filter: PropertyTest) =>
          evs.filter((e) =>
            evaluate(
              { type: "event", event: "e", where: [{ property: "p", ...filter }], operator: "eq", value: 1 },
              { events: [e] },
            ),
          ).length;
        expect(count(positive) + count(negative)).toBe(evs.length);
      }),
    );
  });

  it("after is exactly not before for a present date", () => {
    const date = fc.integer({ min: NOW - 1e10, max: NOW + 1e10 });
    fc.assert(
      fc.property(date, date, (t, x) => {
        const iso = new Date(x).toISOString();
        expect(holds({ operator: "after", value: iso }, t)).toBe(
          !holds({ operator: "before", value: iso }, t),
        );
      }),
    );
  });

  it("not_in / not_performed of segment, list and sequence are not of in / performed", () => {
    const names = fc.constantFrom<string>("a", "b", "c");
    const events = fc.array(
      fc.record({ name: names, t: fc.integer({ min: 0, max: 20 }) }).map(({ name, t }) => ev(name, t)),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(
        names,
        fc.array(names),
        events,
        fc.array(names, { minLength: 1, maxLength: 3 }),
        (id, ids, evs, steps) => {
          const c = contact({ lists: ids, events: evs });
          const ctx = context({ now: 20, isMember: (s) => ids.includes(s) });
          const twin = (positive: Condition, negative: Condition) =>
            expect(referenceEvaluate(negative, c, ctx)).toBe(!referenceEvaluate(positive, c, ctx));
          twin({ type: "list", list: id, operator: "in" }, { type: "list", list: id, operator: "not_in" });
          twin(
            { type: "segment", segment: id, operator: "in" },
            { type: "segment", segment: id, operator: "not_in" },
          );
          const seq = { type: "sequence", steps: steps.map((event) => ({ event })) } as const;
          twin({ ...seq, operator: "performed" }, { ...seq, operator: "not_performed" });
        },
      ),
    );
  });
});
