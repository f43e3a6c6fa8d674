import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DuplicateSegmentError,
  findSegmentCycle,
  SegmentCycleError,
  type SegmentDefinition,
  topologicalOrder,
} from "../../src/dependencies/index.ts";
import { and, randomDag, refTo, segmentsOf } from "./segment-fixtures.ts";

function expectRespects(order: readonly string[], edges: readonly [string, string][]): void {
  for (const [from, to] of edges)
    expect(order.indexOf(to), `${to} before ${from}`).toBeLessThan(order.indexOf(from));
}

describe("topologicalOrder", () => {
  it("puts every segment after the ones it references", () => {
    expect(topologicalOrder(segmentsOf({ c: ["b"], b: ["a"], a: [] }))).toEqual(["a", "b", "c"]);
  });

  it("orders a diamond with the shared segment first and the join last", () => {
    const order = topologicalOrder(segmentsOf({ d: ["b", "c"], b: ["a"], c: ["a"], a: [] }));
    expect(order).toEqual(["a", "b", "c", "d"]);
  });

  it("keeps input order for unrelated segments and ignores references outside the set", () => {
    expect(topologicalOrder(segmentsOf({ x: ["elsewhere"], y: [], z: [] }))).toEqual(["x", "y", "z"]);
  });

  it("throws a SegmentCycleError that names the cycle", () => {
    const segments = segmentsOf({ a: ["b"], b: ["c"], c: ["a"], d: [] });
    expect(() => topologicalOrder(segments)).toThrow(SegmentCycleError);
    expect(() => topologicalOrder(segments)).toThrow("a → b → c → a");
    try {
      topologicalOrder(segments);
    } catch (e) {
      expect((e as SegmentCycleError).cycle).toEqual(["a", "b", "c", "a"]);
    }
  });

  it("rejects two definitions with one id", () => {
    const segments: SegmentDefinition[] = [
      { id: "a", rule: and() },
      { id: "a", rule: and(refTo("b")) },
    ];
    expect(() => topologicalOrder(segments)).toThrow(DuplicateSegmentError);
  });

  it("orders a chain of 100,000 segments without overflowing the stack", () => {
    const segments = Array.from({ length: 100_000 }, (_, i) => ({
      id: `s${i}`,
      rule: and(...(i > 0 ? [refTo(`s${i - 1}`)] : [])),
    })).reverse();
    const order = topologicalOrder(segments);
    expect(order[0]).toBe("s0");
    expect(order.at(-1)).toBe("s99999");
  });

  it("respects every edge of random DAGs and lists each segment once", () => {
    fc.assert(
      fc.property(randomDag, ({ segments, edges }) => {
        const order = topologicalOrder(segments);
        expect([...order].sort()).toEqual(segments.map((s) => s.id).sort());
        expectRespects(order, edges);
      }),
      { seed: 1, numRuns: 500 },
    );
  });
});

describe("findSegmentCycle", () => {
  it("returns null for a DAG", () => {
    expect(findSegmentCycle(segmentsOf({ d: ["b", "c"], b: ["a"], c: ["a"], a: [] }))).toBeNull();
  });

  it("finds a self-reference", () => {
    expect(findSegmentCycle(segmentsOf({ a: [], b: ["b"] }))).toEqual(["b", "b"]);
  });

  it("returns the cycle path, not the way into it", () => {
    expect(findSegmentCycle(segmentsOf({ entry: ["x"], x: ["y"], y: ["z"], z: ["x"] }))).toEqual([
      "x",
      "y",
      "z",
      "x",
    ]);
  });

  it("finds a cycle exactly when a random graph has one, and every step of it is a reference", () => {
    const graph = fc
      .integer({ min: 1, max: 8 })
      .chain((n) =>
        fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 12 })),
      );
    fc.assert(
      fc.property(graph, ([n, pairs]) => {
        const refs: Record<string, string[]> = {};
        for (let i = 0; i < n; i++) refs[`s${i}`] = [];
        for (const [a, b] of pairs) refs[`s${a}`].push(`s${b}`);
        const cycle = findSegmentCycle(segmentsOf(refs));
        expect(cycle === null).toBe(isAcyclic(refs));
        if (cycle === null) return;
        expect(cycle[0]).toBe(cycle.at(-1));
        for (let i = 0; i + 1 < cycle.length; i++) expect(refs[cycle[i]]).toContain(cycle[i + 1]);
      }),
      { seed: 2, numRuns: 500 },
    );
  });
});

/** Oracle: Kahn's algorithm removes every node exactly when there is no cycle. */
function isAcyclic(refs: Record<string, string[]>): boolean {
  const indegree = new Map(Object.keys(refs).map((k) => [k, 0]));
  for (const targets of Object.values(refs))
    for (const t of new Set(targets)) indegree.set(t, indegree.get(t)! + 1);
  const ready = [...indegree].filter(([, d]) => d === 0).map(([k]) => k);
  let removed = 0;
  while (ready.length > 0) {
    const k = ready.pop()!;
    removed++;
    for (const t of new Set(refs[k])) {
      indegree.set(t, indegree.get(t)! - 1);
      if (indegree.get(t) === 0) ready.push(t);
    }
  }
  return removed === Object.keys(refs).length;
}
