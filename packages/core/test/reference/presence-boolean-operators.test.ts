import { describe, expect, it } from "vitest";
import { holds, type Row } from "./fixtures.ts";

const PRESENT_VALUES: readonly [string, unknown][] = [
  ["a string", "x"],
  ["an empty string", ""],
  ["zero", 0],
  ["false", false],
  ["an empty array", []],
  ["an empty object", {}],
];

describe("exists / not_exists", () => {
  const rows: Row[] = [
    ...PRESENT_VALUES.map(
      ([name, v]): Row => [`exists: ${name} is present`, { operator: "exists" }, v, true],
    ),
    ["exists: absent", { operator: "exists" }, undefined, false],
    ["exists: null is missing", { operator: "exists" }, null, false],
    ...PRESENT_VALUES.map(([name, v]): Row => [`not_exists: ${name}`, { operator: "not_exists" }, v, false]),
    ["not_exists: absent", { operator: "not_exists" }, undefined, true],
    ["not_exists: null", { operator: "not_exists" }, null, true],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});

describe("is_true / is_false", () => {
  const rows: Row[] = [
    ["is_true: true", { operator: "is_true" }, true, true],
    ["is_true: false", { operator: "is_true" }, false, false],
    ['is_true: the string "true" is not coerced', { operator: "is_true" }, "true", false],
    ["is_true: 1 is not coerced", { operator: "is_true" }, 1, false],
    ["is_true: [true] is not a boolean", { operator: "is_true" }, [true], false],
    ["is_true: absent", { operator: "is_true" }, undefined, false],
    ["is_true: null", { operator: "is_true" }, null, false],
    ["is_false: false", { operator: "is_false" }, false, true],
    ["is_false: true", { operator: "is_false" }, true, false],
    ['is_false: the string "false"', { operator: "is_false" }, "false", false],
    ["is_false: 0 is not coerced", { operator: "is_false" }, 0, false],
    ["is_false: empty string is not false", { operator: "is_false" }, "", false],
    ["is_false: absent fails too", { operator: "is_false" }, undefined, false],
    ["is_false: null fails too", { operator: "is_false" }, null, false],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});
