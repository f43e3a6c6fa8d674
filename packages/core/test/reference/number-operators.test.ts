import { describe, expect, it } from "vitest";
import { holds, type Row } from "./fixtures.ts";

describe("gt / gte / lt / lte", () => {
  const rows: Row[] = [
    ["gt: above", { operator: "gt", value: 5 }, 6, true],
    ["gt: equal is not above", { operator: "gt", value: 5 }, 5, false],
    ["gt: fraction above", { operator: "gt", value: 5 }, 5.0001, true],
    ["gte: equal", { operator: "gte", value: 5 }, 5, true],
    ["gte: below", { operator: "gte", value: 5 }, 4.999, false],
    ["lt: below", { operator: "lt", value: 5 }, -1, true],
    ["lt: equal", { operator: "lt", value: 5 }, 5, false],
    ["lte: equal", { operator: "lte", value: 5 }, 5, true],
    ["lte: above", { operator: "lte", value: 5 }, 6, false],
    ["gt: negative bound", { operator: "gt", value: -10 }, -9, true],
    ['gt: "abc" is not a number', { operator: "gt", value: 5 }, "abc", false],
    ['gt: numeric string "6" is not coerced', { operator: "gt", value: 5 }, "6", false],
    ['lt: numeric string "1" is not coerced', { operator: "lt", value: 5 }, "1", false],
    ["gt: true is not 1", { operator: "gt", value: 0 }, true, false],
    ["gte: [6] is not a number", { operator: "gte", value: 5 }, [6], false],
    ["lte: {} is not a number", { operator: "lte", value: 5 }, {}, false],
    ["gt: absent", { operator: "gt", value: 5 }, undefined, false],
    ["lt: absent fails lt as well", { operator: "lt", value: 5 }, undefined, false],
    ["lte: null", { operator: "lte", value: 5 }, null, false],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});

describe("eq / neq / in / not_in on numbers", () => {
  const rows: Row[] = [
    ["eq: equal", { operator: "eq", value: 3 }, 3, true],
    ["eq: 3.0 and 3 are the same number", { operator: "eq", value: 3 }, 3.0, true],
    ["eq: different", { operator: "eq", value: 3 }, 4, false],
    ['eq: string "3"', { operator: "eq", value: 3 }, "3", false],
    ["eq: 0 and false differ", { operator: "eq", value: 0 }, false, false],
    ["neq: different", { operator: "neq", value: 3 }, 4, true],
    ["neq: equal", { operator: "neq", value: 3 }, 3, false],
    ["neq: absent", { operator: "neq", value: 3 }, undefined, true],
    ["in: listed", { operator: "in", value: [1, 2, 3] }, 2, true],
    ["in: unlisted", { operator: "in", value: [1, 2, 3] }, 4, false],
    ['in: "2" not coerced', { operator: "in", value: [1, 2, 3] }, "2", false],
    ["not_in: unlisted", { operator: "not_in", value: [1, 2, 3] }, 4, true],
    ["not_in: listed", { operator: "not_in", value: [1, 2, 3] }, 1, false],
    ["not_in: null", { operator: "not_in", value: [1] }, null, true],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});

describe("between with numbers is inclusive", () => {
  const rows: Row[] = [
    ["inside", { operator: "between", value: [1, 10] }, 5, true],
    ["at the lower bound", { operator: "between", value: [1, 10] }, 1, true],
    ["at the upper bound", { operator: "between", value: [1, 10] }, 10, true],
    ["just below", { operator: "between", value: [1, 10] }, 0.999, false],
    ["just above", { operator: "between", value: [1, 10] }, 10.001, false],
    ["a single-point range", { operator: "between", value: [7, 7] }, 7, true],
    ["negative range", { operator: "between", value: [-5, -1] }, -3, true],
    ['numeric string "5" is not coerced', { operator: "between", value: [1, 10] }, "5", false],
    [
      "an epoch-ms number range does not read ISO strings",
      { operator: "between", value: [0, 1e13] },
      "2026-01-01",
      false,
    ],
    ["boolean", { operator: "between", value: [0, 1] }, true, false],
    ["absent", { operator: "between", value: [1, 10] }, undefined, false],
    ["null", { operator: "between", value: [1, 10] }, null, false],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});
