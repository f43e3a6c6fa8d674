import { ruleReferences } from "../dependencies/rule-references.ts";
import { toJsonPointer } from "./json-pointer.ts";
import type { RawReference } from "./raw-references.ts";
import type { RuleIssue } from "./rule-issue.ts";
import type { ValidationContext } from "./validation-context.ts";

/**
 * References that lead back to the segment being saved: to itself, or through saved segments
 * (ctx.segmentRule). The saved rule of selfId is ignored: the new rule replaces it.
 * @example segmentCycleIssues([{ name: "a", path: ["children", 0, "segment"] }], { selfId: "a" })
 */
export function segmentCycleIssues(refs: readonly RawReference[], ctx: ValidationContext): RuleIssue[] {
  const self = ctx.selfId;
  if (self === undefined) return [];
  const edges = edgeCache(ctx);
  const issues: RuleIssue[] = [];
  for (const { name, path } of refs) {
    if (name !== self && ctx.segmentExists?.(name) === false) continue;
    const back = name === self ? [self] : pathTo(name, self, edges);
    if (back === null) continue;
    const cycle = [self, ...back].join(" → ");
    issues.push({
      code: "segment_cycle",
      path: toJsonPointer(path),
      message: `This reference would make segment “${self}” depend on itself: ${cycle}`,
    });
  }
  return issues;
}

type Edges = (id: string) => readonly string[];

function edgeCache(ctx: ValidationContext): Edges {
  const cache = new Map<string, readonly string[]>();
  return (id) => {
    let next = cache.get(id);
    if (next === undefined) {
      const rule = ctx.segmentRule?.(id);
      next = rule === undefined ? [] : [...ruleReferences(rule).segments];
      cache.set(id, next);
    }
    return next;
  };
}

/** The shortest chain of references from `from` to `to` (both included), or null. */
function pathTo(from: string, to: string, edges: Edges): string[] | null {
  const parent = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    if (id === to) return chain(parent, id);
    for (const next of edges(id)) {
      if (parent.has(next)) continue;
      parent.set(next, id);
      queue.push(next);
    }
  }
  return null;
}

function chain(parent: ReadonlyMap<string, string | null>, last: string): string[] {
  const out = [last];
  for (let p = parent.get(last); p != null; p = parent.get(p)) out.push(p);
  return out.reverse();
}
