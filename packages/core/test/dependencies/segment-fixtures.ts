import fc from "fast-check";
import type { SegmentDefinition } from "../../src/dependencies/index.ts";
import type { Condition, Group } from "../../src/index.ts";

export const refTo = (segment: string): Condition => ({ type: "segment", segment, operator: "in" });
export const didEvent = (event: string): Condition => ({ type: "event", event, operator: "gte", value: 1 });
const anyone: Condition = { type: "bucket", salt: "s", percent: 100 };

export function and(...children: Condition[]): Group {
  return { type: "group", combinator: "and", children: children.length > 0 ? children : [anyone] };
}

/** Segments from id → referenced ids (each also reading the event `e_<id>`). */
export function segmentsOf(graph: Record<string, string[]>): SegmentDefinition[] {
  return Object.entries(graph).map(([id, refs]) => ({
    id,
    rule: and(...refs.map(refTo), didEvent(`e_${id}`)),
  }));
}

export interface RandomGraph {
  segments: SegmentDefinition[];
  edges: [from: string, to: string][];
  events: Map<string, string[]>;
}

/**
 * A random DAG of segments: segment i may reference any j < i and read some of three events;
 * definitions come in shuffled order so that input order never happens to be a valid order.
 */
export const randomDag: fc.Arbitrary<RandomGraph> = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: n }, (_, i) => fc.subarray(Array.from({ length: i }, (_, j) => j)))),
      fc.tuple(...Array.from({ length: n }, () => fc.subarray(["e1", "e2", "e3"]))),
      fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      ),
    ),
  )
  .map(([deps, reads, shuffled]) => {
    const id = (i: number) => `s${i}`;
    const edges = deps.flatMap((ds, i) => ds.map((j) => [id(i), id(j)] as [string, string]));
    const events = new Map(reads.map((es, i) => [id(i), es]));
    const segments = shuffled.map((i) => ({
      id: id(i),
      rule: and(...deps[i].map((j) => refTo(id(j))), ...reads[i].map(didEvent)),
    }));
    return { segments, edges, events };
  });
