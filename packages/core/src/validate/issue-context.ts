import { valueAt } from "./raw-json.ts";

/** The kind of value a condition's operators compare. */
export type Subject = "any" | "number" | "date";

/**
 * Where an issue sits in the raw rule: the object that owns the failing field (a rule node or a
 * `where` filter) and the field's path relative to that owner.
 */
export interface IssueContext {
  /** The node's `type` when it is a string ("group", "score", ...), or "filter" for a where filter. */
  kind: string | undefined;
  owner: unknown;
  /** Path of the failing field relative to `owner`; empty when `owner` itself is wrong. */
  rel: readonly PropertyKey[];
  /** The failing value, `undefined` when absent. */
  value: unknown;
}

const SUBJECTS: Readonly<Record<string, Subject>> = {
  property: "any",
  filter: "any",
  score: "number",
  event: "number",
  event_time: "date",
};

/** What the owner's operators compare, or undefined when it has no operator/value pair. */
export function subjectOf(kind: string | undefined): Subject | undefined {
  return kind !== undefined && Object.hasOwn(SUBJECTS, kind) ? SUBJECTS[kind] : undefined;
}

/**
 * Finds the owner of a failing field by following `children` steps, then at most one
 * `where` filter (of an event condition or a sequence step).
 * @example locate(rule, ["children", 0, "where", 1, "value"]).kind // "filter"
 */
export function locate(root: unknown, path: readonly PropertyKey[]): IssueContext {
  let i = 0;
  while (path[i] === "children" && typeof path[i + 1] === "number") i += 2;
  let owner = valueAt(root, path.slice(0, i));
  let kind = stringOrUndefined(valueAt(owner, ["type"]));
  let rel = path.slice(i);
  const whereAt = rel[0] === "where" ? 0 : rel[0] === "steps" && rel[2] === "where" ? 2 : -1;
  if (whereAt >= 0 && typeof rel[whereAt + 1] === "number") {
    owner = valueAt(owner, rel.slice(0, whereAt + 2));
    kind = "filter";
    rel = rel.slice(whereAt + 2);
  }
  return { kind, owner, rel, value: valueAt(root, path) };
}

function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}
