import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ISSUE_CODES, type ValidationResult, validateRule } from "../../src/validate/index.ts";
import { rule } from "../support/arbitraries.ts";
import { codesAt, group, nestedGroups } from "./fixtures.ts";

/** The keys of a JSON Pointer (RFC 6901 unescaping). */
function pointerKeys(pointer: string): string[] {
  return pointer === ""
    ? []
    : pointer
        .slice(1)
        .split("/")
        .map((k) => k.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** Every issue has a known code, a message, and a path whose parent exists in the input. */
function expectWellFormed(input: unknown, result: ValidationResult): void {
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(Object.keys(ISSUE_CODES)).toContain(issue.code);
    expect(issue.message.length).toBeGreaterThan(0);
    let cur: unknown = input;
    for (const key of pointerKeys(issue.path).slice(0, -1)) {
      expect(
        cur !== null && typeof cur === "object" && Object.hasOwn(cur, key),
        `${issue.path} in input`,
      ).toBe(true);
      cur = (cur as Record<string, unknown>)[key];
    }
  }
}

/** A valid rule with one random spot replaced by random JSON: near misses, the likeliest mistakes. */
const corrupted = fc
  .tuple(rule(["s1"]), fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.nat())
  .map(([r, junk, pick, keyPick]) => {
    const copy = structuredClone(r) as unknown as Record<string, unknown>;
    const spots: Record<string, unknown>[] = [];
    const stack: unknown[] = [copy];
    while (stack.length > 0) {
      const v = stack.pop();
      if (v !== null && typeof v === "object") {
        if (!Array.isArray(v)) spots.push(v as Record<string, unknown>);
        stack.push(...Object.values(v));
      }
    }
    const spot = spots[pick % spots.length];
    const keys = [...Object.keys(spot), "extra"];
    spot[keys[keyPick % keys.length]] = junk;
    return copy;
  });

describe("validateRule on hostile input", () => {
  it("never throws on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => expectWellFormed(v, validateRule(v))),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("never throws on any JS value, exotic objects included", () => {
    const anything = fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withBoxedValues: true,
      withTypedArray: true,
      withObjectString: true,
    });
    fc.assert(
      fc.property(anything, (v) => {
        validateRule(v);
        validateRule(
          group(v, { type: "event", event: "e", operator: "gte", value: v, window: v, where: [v] }),
        );
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  it("reports near-miss rules with paths into the input", () => {
    fc.assert(
      fc.property(corrupted, (v) =>
        expectWellFormed(
          v,
          validateRule(v, { segmentExists: () => false, listExists: () => false, selfId: "s1" }),
        ),
      ),
      { seed: 11, numRuns: 1000 },
    );
  });

  it("stops at the first group beyond depth 10 of a 100,000-deep rule", () => {
    const started = performance.now();
    expect(codesAt(nestedGroups(100_000))).toEqual([`too_deep ${"/children/0".repeat(10)}`]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("handles 100,000-deep objects that are not groups", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { children: [deep], value: [deep] };
    const issues = codesAt(group({ type: "property", property: "p", operator: "in", value: deep }, deep));
    expect(issues).toContain("invalid_value /children/0/value");
    expect(issues).toContain("missing_field /children/1/type");
  });

  it("handles 100,000 children, of conditions or of groups, in bounded time", () => {
    const list = { type: "list", list: "l", operator: "in" };
    const started = performance.now();
    expect(codesAt(group(...Array(100_000).fill(list)))).toEqual(["too_many_conditions "]);
    expect(codesAt(group(...Array(100_000).fill(group())))).toEqual(["too_many_groups "]);
    expect(codesAt(group(...Array(100_000).fill(group(list))))).toEqual(["too_many_groups "]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("reports the limits alone, every too-deep branch at its own path", () => {
    const input = group(nestedGroups(10), { type: "nope" }, nestedGroups(12));
    expect(codesAt(input)).toEqual([
      `too_deep /children/0${"/children/0".repeat(9)}`,
      `too_deep /children/2${"/children/0".repeat(9)}`,
    ]);
  });
});
