import type { Group } from "../schema/rule.ts";
import { type RuleReferences, ruleReferences } from "./rule-references.ts";

export interface SegmentDefinition {
  id: string;
  rule: Group;
}

/** Segment references form a cycle; `cycle` starts and ends with the same id (`["a", "b", "a"]`). */
export class SegmentCycleError extends Error {
  constructor(readonly cycle: readonly string[]) {
    super(`Segments reference each other in a cycle: ${cycle.join(" → ")}`);
    this.name = "SegmentCycleError";
  }
}

/** Two definitions share one id, so references to it would be ambiguous. */
export class DuplicateSegmentError extends Error {
  constructor(readonly segmentId: string) {
    super(`Segment “${segmentId}” is defined more than once`);
    this.name = "DuplicateSegmentError";
  }
}

/** Each segment's references, and its edges to the segments of the set it references. */
export interface SegmentGraph {
  references: Map<string, RuleReferences>;
  edges: Map<string, string[]>;
}

/**
 * Builds the graph of a set of segments. References to segments outside the set have no edge.
 * @example segmentGraph([{ id: "a", rule }]).edges.get("a") // ids "a" references, e.g. ["b"]
 */
export function segmentGraph(segments: readonly SegmentDefinition[]): SegmentGraph {
  const references = new Map<string, RuleReferences>();
  for (const { id, rule } of segments) {
    if (references.has(id)) throw new DuplicateSegmentError(id);
    references.set(id, ruleReferences(rule));
  }
  const edges = new Map<string, string[]>();
  for (const [id, refs] of references)
    edges.set(
      id,
      [...refs.segments].filter((s) => references.has(s)),
    );
  return { references, edges };
}

/**
 * Depth-first post-order of the graph (dependencies first, otherwise in input order), stopping at
 * the first cycle found. Iterative: a chain of 100,000 references cannot overflow the stack.
 * @example orderOrCycle(new Map([["a", ["b"]], ["b", []]])) // { order: ["b", "a"], cycle: null }
 */
export function orderOrCycle(edges: ReadonlyMap<string, readonly string[]>): {
  order: string[];
  cycle: string[] | null;
} {
  const done = new Set<string>();
  const onPath = new Set<string>();
  const order: string[] = [];
  for (const root of edges.keys()) {
    if (done.has(root)) continue;
    const path: { id: string; next: number }[] = [{ id: root, next: 0 }];
    onPath.add(root);
    while (path.length > 0) {
      const top = path[path.length - 1];
      const deps = edges.get(top.id) ?? [];
      if (top.next === deps.length) {
        path.pop();
        onPath.delete(top.id);
        done.add(top.id);
        order.push(top.id);
        continue;
      }
      const dep = deps[top.next++];
      if (onPath.has(dep)) {
        const from = path.findIndex((f) => f.id === dep);
        return { order, cycle: [...path.slice(from).map((f) => f.id), dep] };
      }
      if (!done.has(dep)) {
        onPath.add(dep);
        path.push({ id: dep, next: 0 });
      }
    }
  }
  return { order, cycle: null };
}

/**
 * Segment ids ordered so that every segment comes after the segments it references.
 * Throws SegmentCycleError (validation should have prevented cycles) or DuplicateSegmentError.
 * @example topologicalOrder([{ id: "a", rule: refersToB }, { id: "b", rule: plain }]) // ["b", "a"]
 */
export function topologicalOrder(segments: readonly SegmentDefinition[]): string[] {
  const { order, cycle } = orderOrCycle(segmentGraph(segments).edges);
  if (cycle !== null) throw new SegmentCycleError(cycle);
  return order;
}

/**
 * A cycle of segment references, as ids starting and ending with the same id, or null.
 * @example findSegmentCycle([{ id: "a", rule: refersToA }]) // ["a", "a"]
 */
export function findSegmentCycle(segments: readonly SegmentDefinition[]): string[] | null {
  return orderOrCycle(segmentGraph(segments).edges).cycle;
}
