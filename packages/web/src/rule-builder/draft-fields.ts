import type { DraftCondition } from "./editor-tree.ts";

/** Sets one field, keeping the others in place; undefined removes it. */
export function withField(c: DraftCondition, key: string, value: unknown): DraftCondition {
  const next: DraftCondition = { ...c };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

const str = (v: unknown): string => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));

/** A short reading of a condition, for drag handles and announcements. */
export function describeCondition(c: DraftCondition): string {
  switch (c.type) {
    case "property":
      return `property ${str(c.property)}`;
    case "score":
      return `score ${str(c.score)}`;
    case "event":
      return `event ${str(c.event)}`;
    case "event_time":
      return `${str(c.which)} time of ${str(c.event)}`;
    case "segment":
      return `segment ${str(c.segment)}`;
    case "list":
      return `list ${str(c.list)}`;
    case "bucket":
      return `random ${str(c.percent)}%`;
    case "sequence":
      return "sequence of events";
    default:
      return `condition ${str(c.type)}`;
  }
}
