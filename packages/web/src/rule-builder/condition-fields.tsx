import { useBuilder } from "./builder-context.ts";
import { withField } from "./draft-fields.ts";
import { EventFields } from "./event-fields.tsx";
import { fieldHasIssue } from "./node-issues.ts";
import { type FieldsProps, OperatorValue } from "./operator-value.tsx";
import { familyOf, NUMBER_OPERATORS, propertyOperators } from "./operators.ts";
import { RawConditionEditor } from "./raw-condition-editor.tsx";
import { ValueEditor } from "./value-editor.tsx";

/** The editor of one condition, by its kind. */
export function ConditionFields(props: FieldsProps) {
  switch (props.condition.type) {
    case "property":
      return <PropertyFields {...props} />;
    case "score":
      return <OperatorValue {...props} operators={NUMBER_OPERATORS} type="number" />;
    case "event":
    case "event_time":
      return <EventFields {...props} />;
    case "segment":
    case "list":
      return <MembershipFields {...props} />;
    case "bucket":
      return <BucketFields {...props} />;
    default:
      return <RawConditionEditor {...props} />;
  }
}

const CASE_FAMILIES: (string | undefined)[] = ["equality", "membership", "text"];

function PropertyFields(props: FieldsProps) {
  const { fields } = useBuilder();
  const { condition, onChange } = props;
  const field = fields.get(String(condition.property));
  const caseMatters = field?.type !== "number" && CASE_FAMILIES.includes(familyOf(condition.operator));
  return (
    <>
      <OperatorValue
        {...props}
        operators={propertyOperators(field?.type)}
        type={field?.type}
        suggestions={field?.examples.filter((e) => typeof e !== "object")}
      />
      {caseMatters && (
        <label className="inline-label small">
          <input
            type="checkbox"
            checked={condition.ignore_case === true}
            onChange={(e) =>
              onChange(withField(condition, "ignore_case", e.target.checked ? true : undefined))
            }
          />
          ignore case
        </label>
      )}
    </>
  );
}

function MembershipFields({ id, pointer, condition, onChange }: FieldsProps) {
  const { segments, lists, issues } = useBuilder();
  const isSegment = condition.type === "segment";
  const key = isSegment ? "segment" : "list";
  const options = isSegment ? segments : lists;
  return (
    <>
      <select
        id={`${id}-operator`}
        aria-label="Operator"
        value={String(condition.operator)}
        onChange={(e) => onChange(withField(condition, "operator", e.target.value))}
      >
        <option value="in">is in</option>
        <option value="not_in">is not in</option>
      </select>
      <select
        id={`${id}-${key}`}
        aria-label={isSegment ? "Segment" : "List"}
        value={String(condition[key] ?? "")}
        aria-invalid={fieldHasIssue(issues, pointer, key) || undefined}
        onChange={(e) => onChange(withField(condition, key, e.target.value))}
      >
        {!options.some((o) => o.id === condition[key]) && (
          <option value={String(condition[key] ?? "")}>{String(condition[key] ?? "choose…")}</option>
        )}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </>
  );
}

function BucketFields({ id, pointer, condition, onChange }: FieldsProps) {
  const { issues } = useBuilder();
  return (
    <>
      <ValueEditor
        id={`${id}-percent`}
        label="Percent of contacts"
        family="order"
        type="number"
        unit="%"
        value={condition.percent}
        onChange={(v) => onChange(withField(condition, "percent", v))}
        invalid={fieldHasIssue(issues, pointer, "percent")}
      />
      <label className="inline-label">
        salt
        <input
          type="text"
          className="narrow"
          value={String(condition.salt ?? "")}
          onChange={(e) => onChange(withField(condition, "salt", e.target.value))}
        />
      </label>
    </>
  );
}
