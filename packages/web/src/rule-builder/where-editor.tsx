import type { Operator } from "@growthos/segments-core";
import { useBuilder } from "./builder-context.ts";
import { fieldHasIssue } from "./node-issues.ts";
import { OperatorSelect } from "./operator-select.tsx";
import { defaultValue, familyOf, propertyOperators } from "./operators.ts";
import { ValueEditor } from "./value-editor.tsx";

type Filter = Record<string, unknown>;

interface Props {
  id: string;
  pointer: string;
  event: unknown;
  value: unknown;
  onChange: (where: Filter[] | undefined) => void;
}

/** Filters on the event's own properties (`where`); relative dates have no place here. */
export function WhereEditor({ id, pointer, event, value, onChange }: Props) {
  const { catalog, issues } = useBuilder();
  const filters = Array.isArray(value) ? (value as Filter[]) : [];
  const known = catalog.events.find((e) => e.name === event)?.properties ?? [];
  const typeOf = (name: unknown) => known.find((p) => p.name === name)?.type;
  const operatorsFor = (name: unknown) =>
    propertyOperators(typeOf(name)).filter((op) => familyOf(op) !== "relativeDate");
  const set = (i: number, f: Filter | undefined) => {
    const next = filters.flatMap((old, j) => (j !== i ? [old] : f === undefined ? [] : [f]));
    onChange(next.length > 0 ? next : undefined);
  };
  const setOperator = (i: number, f: Filter, operator: Operator) => {
    const { value: old, ...rest } = f;
    const keep = familyOf(f.operator) === familyOf(operator);
    const value = keep ? old : defaultValue(familyOf(operator));
    set(i, { ...rest, operator, ...(value === undefined ? {} : { value }) });
  };

  return (
    <div className="where">
      {filters.map((f, i) => {
        const at = `where/${i}`;
        const label = `where ${String(f.property)}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: filters have no id; their place is their identity
          <span key={i} className="inline-fields where-filter">
            <span className="muted small">where</span>{" "}
            <strong className="field-name">{String(f.property)}</strong>
            <OperatorSelect
              id={`${id}-where-${i}-operator`}
              operators={operatorsFor(f.property)}
              value={f.operator}
              onChange={(op) => setOperator(i, f, op)}
              invalid={fieldHasIssue(issues, pointer, `${at}/operator`)}
            />
            <ValueEditor
              id={`${id}-where-${i}-value`}
              label={`Value ${label}`}
              family={familyOf(f.operator)}
              type={typeOf(f.property)}
              value={f.value}
              suggestions={known.find((p) => p.name === f.property)?.examples}
              onChange={(v) => {
                const { value: _, ...rest } = f;
                set(i, v === undefined ? rest : { ...f, value: v });
              }}
              invalid={fieldHasIssue(issues, pointer, `${at}/value`)}
            />
            <button
              type="button"
              className="icon"
              aria-label={`Remove the filter ${label}`}
              onClick={() => set(i, undefined)}
            >
              ×
            </button>
          </span>
        );
      })}
      {known.length > 0 && (
        <select
          aria-label={`Add a filter on a property of ${String(event)}`}
          value=""
          onChange={(e) => {
            const property = e.target.value;
            const operator = operatorsFor(property)[0];
            onChange([...filters, { property, operator }]);
          }}
        >
          <option value="">+ where…</option>
          {known.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
