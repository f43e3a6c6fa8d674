import type { ConditionType } from "@growthos/segments-core";

/**
 * The builder's working copy of a rule: the same JSON, plus a stable id per node for
 * drag-and-drop and React keys. It may be invalid while it is being edited (a value not yet
 * typed, an empty group): `validateRule` reports that at the exact node.
 */
export type EditorNode = EditorGroup | EditorCondition;

export interface EditorGroup {
  id: string;
  kind: "group";
  /** The group's own fields as written (type, combinator, negate, anything unknown), in order. */
  fields: Record<string, unknown>;
  children: EditorNode[];
}

export interface EditorCondition {
  id: string;
  kind: "condition";
  /** The condition as written; checked by the core, never trusted to be complete. */
  condition: DraftCondition;
}

/** A condition while it is being edited: its kind is known, its other fields may not be yet. */
export type DraftCondition = { type: ConditionType | (string & {}) } & Record<string, unknown>;

let lastId = 0;
export const newId = (): string => `n${++lastId}`;

export function emptyRoot(): EditorGroup {
  return { id: newId(), kind: "group", fields: { type: "group", combinator: "and" }, children: [] };
}

export function newGroup(combinator: "and" | "or" = "or"): EditorGroup {
  return { id: newId(), kind: "group", fields: { type: "group", combinator }, children: [] };
}

export function conditionNode(condition: DraftCondition): EditorCondition {
  return { id: newId(), kind: "condition", condition };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * JSON → working copy. Key order and unknown fields are kept, so `toRule(fromRule(x))` is `x`
 * (the JSON view round-trips exactly). Undefined when `input` is not a group whose children are
 * objects: the builder cannot show anything else.
 */
export function fromRule(input: unknown): EditorGroup | undefined {
  if (!isObject(input) || input.type !== "group" || !Array.isArray(input.children)) return undefined;
  const children: EditorNode[] = [];
  for (const child of input.children) {
    if (!isObject(child)) return undefined;
    if (child.type === "group") {
      const group = fromRule(child);
      if (group === undefined) return undefined;
      children.push(group);
    } else {
      children.push(conditionNode(child as DraftCondition));
    }
  }
  return { id: newId(), kind: "group", fields: input, children };
}

/** Working copy → the rule JSON the API takes. */
export function toRule(group: EditorGroup): Record<string, unknown> {
  // Spreading `fields` first keeps `children` where it was written.
  return { ...group.fields, children: group.children.map(toNode) };
}

function toNode(node: EditorNode): unknown {
  return node.kind === "group" ? toRule(node) : node.condition;
}
