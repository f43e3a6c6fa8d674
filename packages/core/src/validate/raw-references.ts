import { OPERATOR_FAMILIES } from "../schema/operators.ts";
import type { JsonPath } from "./json-pointer.ts";
import { isRawObject, ownValue, type RawObject } from "./raw-json.ts";

/** A name found in the raw rule, with the path of the field that holds it. */
export interface RawReference {
  name: string;
  path: JsonPath;
}

export interface RawReferences {
  segments: RawReference[];
  lists: RawReference[];
  /** Relative-date operators of `where` filters (the name is the operator). */
  relativeFilters: RawReference[];
}

const RELATIVE: ReadonlySet<unknown> = new Set(OPERATOR_FAMILIES.relativeDate);

/**
 * Reads segment and list references and relative-date filters from a raw rule, tolerating any
 * other problem, so they are reported together with the schema's issues. Only call it on input
 * that passed checkSizeLimits: it walks every group.
 * @example collectRawReferences(rule).segments // [{ name: "seg_1", path: ["children", 0, "segment"] }]
 */
export function collectRawReferences(input: unknown): RawReferences {
  const refs: RawReferences = { segments: [], lists: [], relativeFilters: [] };
  const stack: { node: unknown; path: JsonPath }[] = [{ node: input, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (!isRawObject(node)) continue;
    const children = ownValue(node, "children");
    if (node.type === "group" && Array.isArray(children)) {
      for (let i = children.length - 1; i >= 0; i--)
        stack.push({ node: children[i], path: [...path, "children", i] });
    } else {
      addCondition(refs, node, path);
    }
  }
  return refs;
}

function addCondition(refs: RawReferences, node: RawObject, path: JsonPath): void {
  const type = ownValue(node, "type");
  const named = (key: string, into: RawReference[]) => {
    const name = ownValue(node, key);
    if (typeof name === "string") into.push({ name, path: [...path, key] });
  };
  if (type === "segment") named("segment", refs.segments);
  if (type === "list") named("list", refs.lists);
  if (type === "event" || type === "event_time")
    addFilters(refs, ownValue(node, "where"), [...path, "where"]);
  const steps = ownValue(node, "steps");
  if (type === "sequence" && Array.isArray(steps)) {
    steps.forEach((step, i) => {
      addFilters(refs, ownValue(step, "where"), [...path, "steps", i, "where"]);
    });
  }
}

function addFilters(refs: RawReferences, where: unknown, path: JsonPath): void {
  if (!Array.isArray(where)) return;
  where.forEach((filter, i) => {
    const op = ownValue(filter, "operator");
    if (typeof op === "string" && RELATIVE.has(op))
      refs.relativeFilters.push({ name: op, path: [...path, i, "operator"] });
  });
}
