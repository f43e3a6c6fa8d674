import type { Operator } from "@growthos/segments-core";
import { OPERATOR_LABELS } from "../rule-builder/operators.ts";

type Raw = Record<string, unknown>;

function valueText(v: unknown): string {
  if (v === undefined) return "";
  if (Array.isArray(v)) return v.map(valueText).join(", ");
  if (typeof v === "object" && v !== null && "amount" in v && "unit" in v) {
    const d = v as { amount: number; unit: string };
    return `${d.amount} ${d.unit}${d.amount === 1 ? "" : "s"}`;
  }
  return typeof v === "string" ? v : JSON.stringify(v);
}

function comparison(c: Raw): string {
  const op = OPERATOR_LABELS[c.operator as Operator] ?? String(c.operator);
  const value = valueText(c.value);
  if (c.operator === "more_than_ago") return `more than ${value} ago`;
  return value === "" ? op : `${op} ${value}`;
}

/** A condition in words, as the explain tree shows it. */
export function conditionText(c: Raw): string {
  switch (c.type) {
    case "property":
      return `${c.property} ${comparison(c)}`;
    case "score":
      return `score ${c.score} ${comparison(c)}`;
    case "event": {
      const m = c.measure as { aggregate: string; property?: string } | undefined;
      const what = m === undefined || m.aggregate === "count" ? "times" : `${m.aggregate} of ${m.property}`;
      return `${c.event}: ${what} ${comparison(c)}`;
    }
    case "event_time":
      return `${c.which} ${c.event} ${comparison(c)}`;
    case "segment":
      return `${c.operator === "in" ? "in" : "not in"} segment ${c.segment}`;
    case "list":
      return `${c.operator === "in" ? "in" : "not in"} list ${c.list}`;
    case "bucket":
      return `random ${c.percent}% (salt ${c.salt})`;
    case "sequence":
      return `${c.operator === "performed" ? "did" : "did not do"} ${(c.steps as { event: string }[]).map((s) => s.event).join(" → ")}`;
    default:
      return JSON.stringify(c);
  }
}

/** What the contact's data held, as the explain answer reports it. */
export function observedText(o: Raw | undefined): string {
  if (o === undefined) return "";
  switch (o.kind) {
    case "value":
      return o.value === null ? "no value" : `value: ${valueText(o.value)}`;
    case "events":
      return `${o.matched} matching event${o.matched === 1 ? "" : "s"}${o.value === null ? "" : `, measured ${o.value}`}`;
    case "time":
      return o.value === null ? "never" : `at ${o.value}`;
    case "sequence":
      return o.chain === null ? "no such sequence" : `sequence at ${(o.chain as string[]).join(", ")}`;
    case "membership":
      return o.member ? "member" : "not a member";
    case "bucket":
      return `bucket ${o.bucket} (members below ${o.below})`;
    default:
      return JSON.stringify(o);
  }
}
