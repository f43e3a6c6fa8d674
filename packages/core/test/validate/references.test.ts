import { describe, expect, it } from "vitest";
import type { Group } from "../../src/index.ts";
import { type ValidationContext, validateRule } from "../../src/validate/index.ts";
import { codesAt, group, issuesOf } from "./fixtures.ts";

const ref = (segment: string) => ({ type: "segment", segment, operator: "in" });
const refsTo = (...ids: string[]) => group(...ids.map(ref)) as Group;

/** A workspace of saved segments, given as id → referenced ids. */
function workspace(graph: Record<string, string[]>, selfId?: string): ValidationContext {
  return {
    selfId,
    segmentExists: (id) => Object.hasOwn(graph, id),
    segmentRule: (id) => (Object.hasOwn(graph, id) ? refsTo(...graph[id]) : undefined),
  };
}

describe("segment and list references", () => {
  it("reports every unknown segment and list, and only those", () => {
    const input = group(
      ref("known"),
      ref("ghost"),
      { type: "list", list: "l1", operator: "not_in" },
      { type: "list", list: "l2", operator: "in" },
    );
    const ctx = { segmentExists: (id: string) => id === "known", listExists: (id: string) => id === "l1" };
    expect(codesAt(input, ctx)).toEqual([
      "unknown_segment /children/1/segment",
      "unknown_list /children/3/list",
    ]);
  });

  it("still reports unknown references next to schema problems", () => {
    const input = group(ref("ghost"), { type: "score", score: "nps", operator: "like" });
    expect(codesAt(input, { segmentExists: () => false })).toEqual([
      "unknown_operator /children/1/operator",
      "unknown_segment /children/0/segment",
    ]);
  });
});

describe("segment cycles", () => {
  it("names the whole cycle through saved segments", () => {
    const ctx = workspace({ a: ["x"], b: ["c"], c: ["d", "a"], d: [] }, "a");
    const issues = issuesOf(group({ type: "group", combinator: "or", children: [ref("b")] }), ctx);
    expect(issues).toEqual([
      {
        code: "segment_cycle",
        path: "/children/0/children/0/segment",
        message: "This reference would make segment “a” depend on itself: a → b → c → a",
      },
    ]);
  });

  it("reports the shortest way back for each reference that closes a cycle", () => {
    const ctx = workspace({ a: [], b: ["c", "a"], c: ["a"], d: [] }, "a");
    const issues = issuesOf(refsTo("d", "c", "b", "a"), ctx);
    expect(issues.map((i) => [i.path, i.message.split(": ")[1]])).toEqual([
      ["/children/1/segment", "a → c → a"],
      ["/children/2/segment", "a → b → a"],
      ["/children/3/segment", "a → a"],
    ]);
  });

  it("ignores the saved rule of the segment being replaced", () => {
    // The saved "a" references b, which references a: saving a without b breaks that cycle.
    const ctx = workspace({ a: ["b"], b: ["a"], c: [] }, "a");
    expect(validateRule(refsTo("c"), ctx).ok).toBe(true);
  });

  it("finds no cycle for a new segment, and terminates on cycles elsewhere", () => {
    const graph = { b: ["c"], c: ["b"] };
    expect(validateRule(refsTo("b"), workspace(graph)).ok).toBe(true);
    expect(validateRule(refsTo("b"), workspace(graph, "new")).ok).toBe(true);
  });

  it("does not follow unknown segments", () => {
    const ctx: ValidationContext = {
      selfId: "a",
      segmentExists: () => false,
      segmentRule: () => refsTo("a"),
    };
    expect(codesAt(refsTo("ghost"), ctx)).toEqual(["unknown_segment /children/0/segment"]);
  });

  it("finds cycles through long chains of saved segments", () => {
    const graph: Record<string, string[]> = { a: [] };
    for (let i = 0; i < 10_000; i++) graph[`s${i}`] = [i === 9_999 ? "a" : `s${i + 1}`];
    const [issue] = issuesOf(refsTo("s0"), workspace(graph, "a"));
    expect(issue.code).toBe("segment_cycle");
    expect(issue.message.endsWith("s9998 → s9999 → a")).toBe(true);
  });
});
