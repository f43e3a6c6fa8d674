import { describe, expect, it } from "vitest";
import { holds, type Row } from "./fixtures.ts";

describe("eq / neq on strings", () => {
  const rows: Row[] = [
    ["eq: same string", { operator: "eq", value: "free" }, "free", true],
    ["eq: case differs", { operator: "eq", value: "free" }, "Free", false],
    ["eq: ignore_case", { operator: "eq", value: "free", ignore_case: true }, "FrEe", true],
    [
      "eq: ignore_case still needs the same text",
      { operator: "eq", value: "free", ignore_case: true },
      "fre",
      false,
    ],
    ["eq: ignore_case false is exact", { operator: "eq", value: "free", ignore_case: false }, "Free", false],
    ["eq: no trimming", { operator: "eq", value: "free" }, "free ", false],
    ["eq: empty string equals empty string", { operator: "eq", value: "" }, "", true],
    ['eq: number 5 is not the string "5"', { operator: "eq", value: "5" }, 5, false],
    ['eq: string "5" is not the number 5', { operator: "eq", value: 5 }, "5", false],
    ["eq: number equals number", { operator: "eq", value: 5 }, 5, true],
    ['eq: true is not "true"', { operator: "eq", value: "true" }, true, false],
    ["eq: an array holding the value is not equal", { operator: "eq", value: "free" }, ["free"], false],
    ["eq: an object is never equal", { operator: "eq", value: "[object Object]" }, {}, false],
    ["eq: absent", { operator: "eq", value: "free" }, undefined, false],
    ["eq: null", { operator: "eq", value: "free" }, null, false],
    ["neq: different string", { operator: "neq", value: "free" }, "pro", true],
    ["neq: same string", { operator: "neq", value: "free" }, "free", false],
    ["neq: ignore_case same text", { operator: "neq", value: "free", ignore_case: true }, "FREE", false],
    ["neq: absent satisfies neq", { operator: "neq", value: "free" }, undefined, true],
    ["neq: null satisfies neq", { operator: "neq", value: "free" }, null, true],
    ['neq: 5 vs "5" are different', { operator: "neq", value: "5" }, 5, true],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});

describe("in / not_in", () => {
  const rows: Row[] = [
    ["in: listed string", { operator: "in", value: ["free", "pro"] }, "pro", true],
    ["in: unlisted string", { operator: "in", value: ["free", "pro"] }, "team", false],
    ["in: ignore_case", { operator: "in", value: ["free", "pro"], ignore_case: true }, "PRO", true],
    ["in: case differs", { operator: "in", value: ["free", "pro"] }, "PRO", false],
    ["in: mixed list, number element", { operator: "in", value: ["a", 3] }, 3, true],
    ['in: 3 vs "3" not coerced', { operator: "in", value: ["3"] }, 3, false],
    ["in: array actual is not an element", { operator: "in", value: ["a"] }, ["a"], false],
    ["in: absent", { operator: "in", value: ["a"] }, undefined, false],
    ["in: null", { operator: "in", value: ["a"] }, null, false],
    ["not_in: unlisted", { operator: "not_in", value: ["free", "pro"] }, "team", true],
    ["not_in: listed", { operator: "not_in", value: ["free", "pro"] }, "free", false],
    ["not_in: ignore_case listed", { operator: "not_in", value: ["free"], ignore_case: true }, "FREE", false],
    ["not_in: absent", { operator: "not_in", value: ["a"] }, undefined, true],
    ["not_in: null", { operator: "not_in", value: ["a"] }, null, true],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});

describe("contains / not_contains / starts_with / ends_with", () => {
  const rows: Row[] = [
    ["contains: substring", { operator: "contains", value: "rici" }, "/pricing", true],
    ["contains: case differs", { operator: "contains", value: "RICI" }, "/pricing", false],
    [
      "contains: ignore_case lower-cases both",
      { operator: "contains", value: "RICI", ignore_case: true },
      "/PRicing",
      true,
    ],
    ["contains: empty needle", { operator: "contains", value: "" }, "anything", true],
    ["contains: not in text", { operator: "contains", value: "zz" }, "/pricing", false],
    ["contains: number is not a string", { operator: "contains", value: "2" }, 123, false],
    ["contains: array of strings is not a string", { operator: "contains", value: "a" }, ["a"], false],
    ["contains: boolean", { operator: "contains", value: "true" }, true, false],
    ["contains: absent", { operator: "contains", value: "a" }, undefined, false],
    ["not_contains: absent", { operator: "not_contains", value: "a" }, undefined, true],
    ["not_contains: null", { operator: "not_contains", value: "a" }, null, true],
    ["not_contains: number", { operator: "not_contains", value: "2" }, 123, true],
    ["not_contains: substring present", { operator: "not_contains", value: "ric" }, "/pricing", false],
    [
      "not_contains: ignore_case",
      { operator: "not_contains", value: "RIC", ignore_case: true },
      "/pricing",
      false,
    ],
    ["starts_with: prefix", { operator: "starts_with", value: "/pricing" }, "/pricing/team", true],
    ["starts_with: not a prefix", { operator: "starts_with", value: "pricing" }, "/pricing", false],
    [
      "starts_with: ignore_case",
      { operator: "starts_with", value: "/PRI", ignore_case: true },
      "/pricing",
      true,
    ],
    ["starts_with: whole string", { operator: "starts_with", value: "abc" }, "abc", true],
    ["starts_with: longer than actual", { operator: "starts_with", value: "abcd" }, "abc", false],
    ["starts_with: number", { operator: "starts_with", value: "1" }, 123, false],
    ["starts_with: absent", { operator: "starts_with", value: "" }, undefined, false],
    ["ends_with: suffix", { operator: "ends_with", value: ".com" }, "ann@acme.com", true],
    ["ends_with: case differs", { operator: "ends_with", value: ".COM" }, "ann@acme.com", false],
    [
      "ends_with: ignore_case",
      { operator: "ends_with", value: ".COM", ignore_case: true },
      "ann@acme.com",
      true,
    ],
    ["ends_with: not a suffix", { operator: "ends_with", value: ".co" }, "ann@acme.com", false],
    ["ends_with: null", { operator: "ends_with", value: "" }, null, false],
    ["ends_with: object", { operator: "ends_with", value: "]" }, { a: 1 }, false],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});
