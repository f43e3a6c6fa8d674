import { describe, expect, it } from "vitest";
import type { RawEvent } from "../../src/model.ts";
import type { SequenceCondition } from "../../src/schema/conditions.ts";
import { DAY, ev, evaluate, NOW, sequenceRule as seq } from "./fixtures.ts";

const T = NOW - 10 * DAY;

describe("sequence: steps in order, strictly increasing times", () => {
  const rows: readonly [string, SequenceCondition, RawEvent[], boolean][] = [
    ["a then b", seq(["a", "b"]), [ev("a", T), ev("b", T + 1)], true],
    ["b before a only", seq(["a", "b"]), [ev("b", T), ev("a", T + 1)], false],
    ["same time is not strictly after", seq(["a", "b"]), [ev("a", T), ev("b", T)], false],
    ["storage order does not matter, times do", seq(["a", "b"]), [ev("b", T + 5), ev("a", T)], true],
    [
      "unrelated events in between are fine",
      seq(["a", "b"]),
      [ev("a", T), ev("x", T + 1), ev("b", T + 2)],
      true,
    ],
    ["a single step is performed once it happened", seq(["a"]), [ev("a", T)], true],
    ["a missing step", seq(["a", "b", "c"]), [ev("a", T), ev("b", T + 1)], false],
    ["three steps in order", seq(["a", "b", "c"]), [ev("a", T), ev("b", T + 1), ev("c", T + 2)], true],
    [
      "three steps, middle out of order",
      seq(["a", "b", "c"]),
      [ev("a", T), ev("c", T + 1), ev("b", T + 2)],
      false,
    ],
    ["no events", seq(["a"]), [], false],
    ["not_performed with no events", seq(["a"], { operator: "not_performed" }), [], true],
    [
      "not_performed when performed",
      seq(["a", "b"], { operator: "not_performed" }),
      [ev("a", T), ev("b", T + 1)],
      false,
    ],
  ];
  it.each(rows)("%s", (_, rule, events, expected) => {
    expect(evaluate(rule, { events })).toBe(expected);
  });
});

describe("sequence: repeated steps of the same event", () => {
  const rows: readonly [string, SequenceCondition, RawEvent[], boolean][] = [
    ["[a, a] needs two a events", seq(["a", "a"]), [ev("a", T)], false],
    ["[a, a] with two a at different times", seq(["a", "a"]), [ev("a", T), ev("a", T + 1)], true],
    ["[a, a] with two a at the same time", seq(["a", "a"]), [ev("a", T), ev("a", T)], false],
    ["[a, b, a] without a second a", seq(["a", "b", "a"]), [ev("a", T), ev("b", T + 1)], false],
    ["[a, b, a] with a later a", seq(["a", "b", "a"]), [ev("a", T), ev("b", T + 1), ev("a", T + 2)], true],
    [
      "[a, a, a] with three distinct times",
      seq(["a", "a", "a"]),
      [ev("a", T + 2), ev("a", T), ev("a", T + 1)],
      true,
    ],
  ];
  it.each(rows)("%s", (_, rule, events, expected) => {
    expect(evaluate(rule, { events })).toBe(expected);
  });
});
