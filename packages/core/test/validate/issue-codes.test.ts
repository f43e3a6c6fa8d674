import { describe, expect, it } from "vitest";
import { ISSUE_CODES, type IssueCode, type ValidationContext } from "../../src/validate/index.ts";
import { group, issuesOf, nestedGroups } from "./fixtures.ts";

interface Case {
  name: string;
  input: unknown;
  ctx?: ValidationContext;
  path: string;
  message?: string | RegExp;
}

const within = { amount: 1, unit: "day" };
const list = { type: "list", list: "l", operator: "in" };

/** One or more rules per issue code, with the path (and sometimes the message) it must report. */
const CASES: Record<IssueCode, Case[]> = {
  invalid_type: [
    {
      name: "a name that is not text",
      input: group({ type: "property", property: 5, operator: "exists" }),
      path: "/children/0/property",
    },
    { name: "a rule that is not an object", input: [], path: "", message: /must be a group/ },
    {
      name: "a child that is not an object",
      input: group(7),
      path: "/children/0",
      message: /Each child of a group/,
    },
    { name: "negate that is not a boolean", input: { ...group(list), negate: "yes" }, path: "/negate" },
  ],
  missing_field: [
    {
      name: "no property name",
      input: group({ type: "property", operator: "exists" }),
      path: "/children/0/property",
    },
    {
      name: "no operator",
      input: group({ type: "score", score: "nps", value: 1 }),
      path: "/children/0/operator",
    },
    {
      name: "no value",
      input: group({ type: "score", score: "nps", operator: "gt" }),
      path: "/children/0/value",
    },
    { name: "no type", input: group({ property: "plan" }), path: "/children/0/type" },
    { name: "no combinator", input: { type: "group", children: [list] }, path: "/combinator" },
  ],
  unknown_field: [
    {
      name: "an extra field",
      input: group({ ...list, foo: 1 }),
      path: "/children/0/foo",
      message: "Unknown field “foo”",
    },
    {
      name: "a value on exists",
      input: group({ type: "property", property: "p", operator: "exists", value: 1 }),
      path: "/children/0/value",
      message: "“exists” takes no value: remove “value”",
    },
  ],
  unknown_condition_type: [
    {
      name: "an unknown type",
      input: group({ type: "trait" }),
      path: "/children/0/type",
      message: /^Unknown condition type “trait”/,
    },
  ],
  unknown_operator: [
    {
      name: "an operator of no condition",
      input: group({ type: "property", property: "plan", operator: "greater", value: 1 }),
      path: "/children/0/operator",
      message: /^Unknown operator “greater”\. Use one of: exists, not_exists, is_true, is_false, eq, neq, /,
    },
  ],
  unsupported_operator: [
    {
      name: "text operator on a score",
      input: group({ type: "score", score: "s", operator: "contains", value: "x" }),
      path: "/children/0/operator",
    },
    {
      name: "gt on a segment",
      input: group({ type: "segment", segment: "s", operator: "gt" }),
      path: "/children/0/operator",
      message: /Use one of: in, not_in$/,
    },
  ],
  invalid_value: [
    {
      name: "a string for gt",
      input: group({ type: "property", property: "age", operator: "gt", value: "x" }),
      path: "/children/0/value",
      message: "“gt” compares numbers: value must be a number",
    },
    {
      name: "a reversed number range",
      input: group({ type: "score", score: "s", operator: "between", value: [5, 1] }),
      path: "/children/0/value",
    },
    {
      name: "an empty list for in",
      input: group({ type: "score", score: "s", operator: "in", value: [] }),
      path: "/children/0/value",
    },
    { name: "an unknown combinator", input: { ...group(list), combinator: "xor" }, path: "/combinator" },
    {
      name: "percent over 100",
      input: group({ type: "bucket", salt: "s", percent: 101 }),
      path: "/children/0/percent",
    },
    {
      name: "an empty name",
      input: group({ type: "list", list: "", operator: "in" }),
      path: "/children/0/list",
    },
  ],
  invalid_date: [
    {
      name: "an impossible date",
      input: group({
        type: "event_time",
        event: "e",
        which: "last",
        operator: "before",
        value: "2026-02-30",
      }),
      path: "/children/0/value",
    },
    {
      name: "a window bound",
      input: group({ type: "event", event: "e", window: { after: "yesterday" }, operator: "gte", value: 1 }),
      path: "/children/0/window/after",
    },
  ],
  invalid_duration: [
    {
      name: "a zero amount",
      input: group({
        type: "event_time",
        event: "e",
        which: "last",
        operator: "within_last",
        value: { amount: 0, unit: "day" },
      }),
      path: "/children/0/value/amount",
    },
    {
      name: "an unknown unit",
      input: group({
        type: "sequence",
        steps: [{ event: "e" }],
        within: { amount: 1, unit: "month" },
        operator: "performed",
      }),
      path: "/children/0/within/unit",
      message: "Unknown unit “month”: use minute, hour, day or week",
    },
  ],
  invalid_window: [
    {
      name: "two kinds at once",
      input: group({
        type: "event",
        event: "e",
        window: { within_last: within, after: "2026-01-01" },
        operator: "gte",
        value: 1,
      }),
      path: "/children/0/window",
    },
    {
      name: "a window that ends before it starts",
      input: group({
        type: "event",
        event: "e",
        window: { between: ["2026-02-01", "2026-01-01"] },
        operator: "gte",
        value: 1,
      }),
      path: "/children/0/window/between",
    },
  ],
  empty_group: [
    {
      name: "no children",
      input: group(group()),
      path: "/children/0/children",
      message: "A group needs at least one condition: an empty group would never mean everyone",
    },
  ],
  too_many_children: [{ name: "101 children", input: group(...Array(101).fill(list)), path: "/children" }],
  too_deep: [{ name: "11 levels", input: nestedGroups(11), path: "/children/0".repeat(10) }],
  too_many_conditions: [
    {
      name: "501 conditions in groups of 100",
      input: group(...Array.from({ length: 6 }, (_, i) => group(...Array(i < 5 ? 100 : 1).fill(list)))),
      path: "",
    },
  ],
  too_many_groups: [
    {
      name: "thousands of empty groups",
      input: group(...Array.from({ length: 50 }, () => group(...Array(100).fill(group())))),
      path: "",
    },
  ],
  relative_date_in_filter: [
    {
      name: "within_last in an event filter",
      input: group({
        type: "event",
        event: "e",
        where: [{ property: "at", operator: "within_last", value: within }],
        operator: "gte",
        value: 1,
      }),
      path: "/children/0/where/0/operator",
    },
    {
      name: "more_than_ago in an event_time filter",
      input: group({
        type: "event_time",
        event: "e",
        which: "first",
        where: [{ property: "at", operator: "more_than_ago", value: within }],
        operator: "exists",
      }),
      path: "/children/0/where/0/operator",
    },
    {
      name: "within_next in a sequence step",
      input: group({
        type: "sequence",
        steps: [
          { event: "a" },
          { event: "b", where: [{ property: "at", operator: "within_next", value: within }] },
        ],
        operator: "performed",
      }),
      path: "/children/0/steps/1/where/0/operator",
    },
  ],
  unknown_segment: [
    {
      name: "a segment the workspace lacks",
      input: group({ type: "segment", segment: "seg_x", operator: "in" }),
      ctx: { segmentExists: (id) => id === "seg_a" },
      path: "/children/0/segment",
      message: "Unknown segment “seg_x”",
    },
  ],
  unknown_list: [
    {
      name: "a list the workspace lacks",
      input: group(list),
      ctx: { listExists: () => false },
      path: "/children/0/list",
      message: "Unknown list “l”",
    },
  ],
  segment_cycle: [
    {
      name: "a reference to itself",
      input: group({ type: "segment", segment: "a", operator: "in" }),
      ctx: { selfId: "a" },
      path: "/children/0/segment",
      message: "This reference would make segment “a” depend on itself: a → a",
    },
  ],
};

describe("every issue code", () => {
  it("has at least one case", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(ISSUE_CODES).sort());
  });

  for (const [code, cases] of Object.entries(CASES)) {
    for (const c of cases) {
      it(`${code}: ${c.name}`, () => {
        const issues = issuesOf(c.input, c.ctx);
        const found = issues.filter((i) => i.code === code && i.path === c.path);
        expect(found, JSON.stringify(issues, null, 1)).toHaveLength(1);
        if (typeof c.message === "string") expect(found[0].message).toBe(c.message);
        else if (c.message !== undefined) expect(found[0].message).toMatch(c.message);
      });
    }
  }
});
