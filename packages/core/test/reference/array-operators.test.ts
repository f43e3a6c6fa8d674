import { describe, expect, it } from "vitest";
import { holds, type Row } from "./fixtures.ts";

describe("includes / not_includes", () => {
  const rows: Row[] = [
    ["includes: element present", { operator: "includes", value: "beta" }, ["alpha", "beta"], true],
    ["includes: element absent", { operator: "includes", value: "gamma" }, ["alpha", "beta"], false],
    ["includes: case differs", { operator: "includes", value: "Beta" }, ["alpha", "beta"], false],
    [
      "includes: ignore_case",
      { operator: "includes", value: "Beta", ignore_case: true },
      ["alpha", "BETA"],
      true,
    ],
    [
      "includes: substring of an element is not an element",
      { operator: "includes", value: "alp" },
      ["alpha"],
      false,
    ],
    ['includes: number 5 is not "5"', { operator: "includes", value: "5" }, [5], false],
    ["includes: empty array", { operator: "includes", value: "a" }, [], false],
    ["includes: a string is not an array", { operator: "includes", value: "a" }, "abc", false],
    ["includes: an object is not an array", { operator: "includes", value: "a" }, { a: "a" }, false],
    ["includes: nested arrays are not flattened", { operator: "includes", value: "a" }, [["a"]], false],
    ["includes: absent", { operator: "includes", value: "a" }, undefined, false],
    ["not_includes: element absent", { operator: "not_includes", value: "c" }, ["a", "b"], true],
    ["not_includes: element present", { operator: "not_includes", value: "a" }, ["a", "b"], false],
    [
      "not_includes: ignore_case present",
      { operator: "not_includes", value: "A", ignore_case: true },
      ["a"],
      false,
    ],
    ["not_includes: absent", { operator: "not_includes", value: "a" }, undefined, true],
    ["not_includes: null", { operator: "not_includes", value: "a" }, null, true],
    ["not_includes: a string is not an array", { operator: "not_includes", value: "a" }, "a", true],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});

describe("includes_any / includes_all", () => {
  const rows: Row[] = [
    ["includes_any: one of them", { operator: "includes_any", value: ["x", "b"] }, ["a", "b"], true],
    ["includes_any: none of them", { operator: "includes_any", value: ["x", "y"] }, ["a", "b"], false],
    [
      "includes_any: ignore_case",
      { operator: "includes_any", value: ["B"], ignore_case: true },
      ["a", "b"],
      true,
    ],
    ["includes_any: case differs", { operator: "includes_any", value: ["B"] }, ["a", "b"], false],
    ["includes_any: empty array", { operator: "includes_any", value: ["a"] }, [], false],
    ["includes_any: a string is not an array", { operator: "includes_any", value: ["a"] }, "a", false],
    ["includes_any: absent", { operator: "includes_any", value: ["a"] }, undefined, false],
    ["includes_all: all of them", { operator: "includes_all", value: ["a", "b"] }, ["b", "c", "a"], true],
    ["includes_all: one missing", { operator: "includes_all", value: ["a", "d"] }, ["b", "c", "a"], false],
    ["includes_all: duplicates in the value", { operator: "includes_all", value: ["a", "a"] }, ["a"], true],
    [
      "includes_all: ignore_case",
      { operator: "includes_all", value: ["A", "B"], ignore_case: true },
      ["a", "b"],
      true,
    ],
    ["includes_all: case differs", { operator: "includes_all", value: ["A", "b"] }, ["a", "b"], false],
    ["includes_all: empty array", { operator: "includes_all", value: ["a"] }, [], false],
    [
      "includes_all: an object is not an array",
      { operator: "includes_all", value: ["a"] },
      { 0: "a" },
      false,
    ],
    ["includes_all: null", { operator: "includes_all", value: ["a"] }, null, false],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});
