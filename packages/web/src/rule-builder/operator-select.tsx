import type { Operator } from "@growthos/segments-core";
import { OPERATOR_LABELS } from "./operators.ts";

interface Props {
  id: string;
  operators: readonly Operator[];
  value: unknown;
  onChange: (operator: Operator) => void;
  invalid?: boolean;
}

/** The operators that fit the field; an unknown one (from JSON) stays visible so it can be fixed. */
export function OperatorSelect({ id, operators, value, onChange, invalid }: Props) {
  const known = (operators as readonly unknown[]).includes(value);
  return (
    <select
      id={id}
      aria-label="Operator"
      aria-invalid={invalid || undefined}
      value={String(value ?? "")}
      onChange={(e) => onChange(e.target.value as Operator)}
    >
      {!known && <option value={String(value ?? "")}>{String(value ?? "choose…")}</option>}
      {operators.map((op) => (
        <option key={op} value={op}>
          {OPERATOR_LABELS[op]}
        </option>
      ))}
    </select>
  );
}
