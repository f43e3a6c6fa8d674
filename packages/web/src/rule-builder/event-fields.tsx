import { useBuilder } from "./builder-context.ts";
import { withField } from "./draft-fields.ts";
import type { DraftCondition } from "./editor-tree.ts";
import { fieldHasIssue } from "./node-issues.ts";
import { type FieldsProps, OperatorValue } from "./operator-value.tsx";
import { DATE_OPERATORS, NUMBER_OPERATORS } from "./operators.ts";
import { WhereEditor } from "./where-editor.tsx";
import { WindowEditor } from "./window-editor.tsx";

const AGGREGATES = ["sum", "min", "max", "avg"] as const;

/** "count" | "sum:amount" | "first" | "last": one select for the aggregate or the time. */
function measureOf(c: DraftCondition): string {
  if (c.type === "event_time") return String(c.which ?? "last");
  const m = c.measure as { aggregate?: string; property?: string } | undefined;
  return m === undefined || m.aggregate === "count" ? "count" : `${m.aggregate}:${m.property ?? ""}`;
}

function withMeasure(c: DraftCondition, measure: string): DraftCondition {
  const base = { event: c.event, ...(c.where === undefined ? {} : { where: c.where }) };
  if (measure === "first" || measure === "last") {
    if (c.type === "event_time") return withField(c, "which", measure);
    return {
      type: "event_time",
      ...base,
      which: measure,
      operator: "within_last",
      value: { amount: 7, unit: "day" },
    };
  }
  const event: DraftCondition =
    c.type === "event" ? { ...c } : { type: "event", ...base, operator: "gte", value: 1 };
  if (measure === "count") return withField(event, "measure", undefined);
  const [aggregate, property] = measure.split(":");
  return withField(event, "measure", { aggregate, property });
}

/** An event aggregate (count, sum…, in a window) or its first/last time, with `where` filters. */
export function EventFields(props: FieldsProps) {
  const { id, pointer, condition, onChange } = props;
  const { catalog, issues } = useBuilder();
  const numeric = (catalog.events.find((e) => e.name === condition.event)?.properties ?? []).filter(
    (p) => p.type === "number",
  );
  const isTime = condition.type === "event_time";
  return (
    <>
      <select
        id={`${id}-measure`}
        aria-label="Measure"
        value={measureOf(condition)}
        onChange={(e) => onChange(withMeasure(condition, e.target.value))}
        aria-invalid={fieldHasIssue(issues, pointer, "measure") || undefined}
      >
        <option value="count">times performed</option>
        {numeric.flatMap((p) =>
          AGGREGATES.map((a) => (
            <option key={`${a}:${p.name}`} value={`${a}:${p.name}`}>
              {a} of {p.name}
            </option>
          )),
        )}
        <option value="first">first time</option>
        <option value="last">last time</option>
      </select>
      {!isTime && (
        <WindowEditor
          id={`${id}-window`}
          value={condition.window}
          onChange={(w) => onChange(withField(condition, "window", w))}
          invalid={fieldHasIssue(issues, pointer, "window")}
        />
      )}
      <OperatorValue
        {...props}
        operators={isTime ? DATE_OPERATORS : NUMBER_OPERATORS}
        type={isTime ? "date" : "number"}
        unit={measureOf(condition) === "count" ? "times" : undefined}
      />
      <WhereEditor
        id={id}
        pointer={pointer}
        event={condition.event}
        value={condition.where}
        onChange={(w) => onChange(withField(condition, "where", w))}
      />
    </>
  );
}
