import type { Operator } from "@growthos/segments-core";
import type { ValueType } from "../api/types.ts";
import { useBuilder } from "./builder-context.ts";
import { withField } from "./draft-fields.ts";
import type { DraftCondition } from "./editor-tree.ts";
import { fieldHasIssue } from "./node-issues.ts";
import { OperatorSelect } from "./operator-select.tsx";
import { defaultValue, familyOf } from "./operators.ts";
import { ValueEditor } from "./value-editor.tsx";

export interface FieldsProps {
  id: string;
  pointer: string;
  condition: DraftCondition;
  onChange: (c: DraftCondition) => void;
}

/** A new operator keeps the value when it takes the same kind of value, else starts afresh. */
export function withOperator(c: DraftCondition, operator: Operator): DraftCondition {
  const same = familyOf(c.operator) === familyOf(operator);
  return withField(
    withField(c, "operator", operator),
    "value",
    same ? c.value : defaultValue(familyOf(operator)),
  );
}

export interface OperatorValueProps extends FieldsProps {
  operators: readonly Operator[];
  type: ValueType | undefined;
  suggestions?: unknown[];
  unit?: string;
}

export function OperatorValue({
  id,
  pointer,
  condition,
  onChange,
  operators,
  type,
  suggestions,
  unit,
}: OperatorValueProps) {
  const { issues } = useBuilder();
  return (
    <>
      <OperatorSelect
        id={`${id}-operator`}
        operators={operators}
        value={condition.operator}
        onChange={(op) => onChange(withOperator(condition, op))}
        invalid={fieldHasIssue(issues, pointer, "operator")}
      />
      <ValueEditor
        id={`${id}-value`}
        label="Value"
        family={familyOf(condition.operator)}
        type={type}
        value={condition.value}
        onChange={(v) => onChange(withField(condition, "value", v))}
        suggestions={suggestions}
        unit={unit}
        invalid={fieldHasIssue(issues, pointer, "value")}
      />
    </>
  );
}
