import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateRule } from "../../src/validate/index.ts";
import { rule } from "../support/arbitraries.ts";
import { codesAt, group, issuesOf, VALID_CONDITIONS, VALID_RULE } from "./fixtures.ts";

describe("validateRule: valid rules", () => {
  for (const condition of VALID_CONDITIONS) {
    it(`accepts a ${condition.type} condition (${"operator" in condition ? condition.operator : "bucket"})`, () => {
      const result = validateRule(group(condition));
      expect(result).toEqual({ ok: true, rule: group(condition) });
    });
  }

  it("accepts a nested rule using every kind and returns it parsed", () => {
    const result = validateRule(structuredClone(VALID_RULE));
    expect(result).toEqual({ ok: true, rule: VALID_RULE });
  });

  it("accepts every rule the shared generator builds, and returns it unchanged", () => {
    fc.assert(
      fc.property(rule(["s1", "s2"]), (r) => {
        expect(validateRule(structuredClone(r))).toEqual({ ok: true, rule: r });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("accepts exactly 10 levels, 100 children and 500 conditions", () => {
    let deep: unknown = { type: "bucket", salt: "s", percent: 1 };
    for (let i = 0; i < 10; i++) deep = group(deep);
    expect(validateRule(deep).ok).toBe(true);
    const list = { type: "list", list: "l", operator: "in" };
    const wide = group(...Array.from({ length: 5 }, () => group(...Array(100).fill(list))));
    expect(validateRule(wide).ok).toBe(true);
  });

  it("accepts references the context knows, and a rule with no context at all", () => {
    const refs = group(
      { type: "segment", segment: "b", operator: "in" },
      { type: "list", list: "l", operator: "in" },
    );
    const ctx = {
      segmentExists: () => true,
      listExists: () => true,
      selfId: "a",
      segmentRule: () => group({ type: "bucket", salt: "s", percent: 1 }) as never,
    };
    expect(validateRule(refs, ctx).ok).toBe(true);
    expect(validateRule(refs).ok).toBe(true);
  });
});

describe("validateRule: every problem is reported", () => {
  it("lists problems of several nodes and kinds, each at its own path", () => {
    const input = {
      type: "group",
      combinator: "and",
      color: "red",
      children: [
        { type: "property", property: "age", operator: "gt", value: "ten" },
        { type: "score", score: "nps", operator: "contains", value: "x" },
        {
          type: "group",
          combinator: "maybe",
          children: [
            {
              type: "event",
              event: "e",
              operator: "gte",
              value: 1,
              window: { after: "2026-02-30" },
              where: [{ property: "at", operator: "within_last", value: { amount: 1, unit: "day" } }],
            },
            { type: "group", combinator: "or", children: [] },
            { type: "segment", segment: "ghost", operator: "in" },
          ],
        },
        { type: "list", list: "l", operator: "in" },
      ],
    };
    const ctx = { segmentExists: () => false, listExists: () => false };
    expect(codesAt(input, ctx).sort()).toEqual(
      [
        "unknown_field /color",
        "invalid_value /children/0/value",
        "unsupported_operator /children/1/operator",
        "invalid_value /children/2/combinator",
        "invalid_date /children/2/children/0/window/after",
        "empty_group /children/2/children/1/children",
        "relative_date_in_filter /children/2/children/0/where/0/operator",
        "unknown_segment /children/2/children/2/segment",
        "unknown_list /children/3/list",
      ].sort(),
    );
  });

  it("reports each unknown field and each bad item of a list", () => {
    const input = group(
      { type: "list", list: "l", operator: "in", a: 1, b: 2 },
      { type: "property", property: "p", operator: "in", value: ["ok", true, 3, null] },
    );
    expect(codesAt(input)).toEqual([
      "unknown_field /children/0/a",
      "unknown_field /children/0/b",
      "invalid_value /children/1/value/1",
      "invalid_value /children/1/value/3",
    ]);
  });

  it("reports both bad dates of a range and no ordering problem for them", () => {
    const input = group({
      type: "property",
      property: "d",
      operator: "between",
      value: ["2026-13-01", "soon"],
    });
    expect(codesAt(input)).toEqual(["invalid_date /children/0/value/0", "invalid_date /children/0/value/1"]);
  });

  it("reports a value of the wrong type once, without a size problem", () => {
    expect(codesAt(group({ type: "sequence", steps: "", operator: "performed" }))).toEqual([
      "invalid_type /children/0/steps",
    ]);
    const between = issuesOf(group({ type: "score", score: "s", operator: "between", value: [1] }));
    expect(between).toEqual([
      {
        code: "invalid_value",
        path: "/children/0/value",
        message: "“between” takes a range: value must be [low, high], two numbers",
      },
    ]);
  });

  it("explains the root that is not a group in one issue", () => {
    const issues = issuesOf({ type: "property", property: "plan", operator: "eq", value: "free" });
    expect(issues).toEqual([
      {
        code: "invalid_value",
        path: "/type",
        message: expect.stringMatching(/wrap this property condition in a group/),
      },
    ]);
  });

  it("compares date ranges as UTC instants, whatever the server's zone", () => {
    // 12:00 without offset is 12:00Z, before 10:00-05:00 (15:00Z); Date.parse in New York says 17:00Z.
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const ok = group({
        type: "property",
        property: "d",
        operator: "between",
        value: ["2026-01-31T12:00", "2026-01-31T10:00-05:00"],
      });
      expect(validateRule(ok).ok).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const window = { between: ["2026-01-31 16:00", "2026-01-31T10:00-05:00"] };
    expect(codesAt(group({ type: "event", event: "e", window, operator: "gte", value: 1 }))).toEqual([
      "invalid_window /children/0/window/between",
    ]);
  });

  it("points into the branch a window or measure names", () => {
    const input = group({
      type: "event",
      event: "e",
      window: { within_last: { amount: 2.5, unit: "day", extra: true } },
      measure: { aggregate: "avg" },
      operator: "gte",
      value: 1,
    });
    expect(codesAt(input)).toEqual([
      "invalid_duration /children/0/window/within_last/amount",
      "unknown_field /children/0/window/within_last/extra",
      "missing_field /children/0/measure/property",
    ]);
  });
});

describe("validateRule: JSON Pointer paths", () => {
  it("escapes ~ and / in keys (RFC 6901)", () => {
    const input = group({ type: "list", list: "l", operator: "in", "a/b~c": 1, "~1": 2 });
    expect(codesAt(input)).toEqual(["unknown_field /children/0/a~1b~0c", "unknown_field /children/0/~01"]);
  });

  it("uses the empty pointer for the root", () => {
    expect(codesAt("rule")).toEqual(["invalid_type "]);
  });
});
