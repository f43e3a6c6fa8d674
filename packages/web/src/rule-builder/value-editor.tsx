import type { OperatorFamily } from "@growthos/segments-core";
import type { ValueType } from "../api/types.ts";
import { DurationInput } from "./duration-input.tsx";
import { MultiValueInput } from "./multi-value-input.tsx";

interface Props {
  id: string;
  label: string;
  family: OperatorFamily | undefined;
  /** The field's type: decides number vs text vs date inputs. */
  type: ValueType | undefined;
  value: unknown;
  onChange: (value: unknown) => void;
  suggestions?: unknown[];
  /** Shown after a number, e.g. "times". */
  unit?: string;
  invalid?: boolean;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The input that fits an operator's value: none, a number with its unit, a date, a window, a list. */
export function ValueEditor(props: Props) {
  const { id, label, family, type, value, onChange, suggestions = [], unit, invalid } = props;
  const common = { id, "aria-label": label, "aria-invalid": invalid || undefined };
  switch (family) {
    case undefined:
    case "presence":
    case "boolean":
      return null;
    case "relativeDate":
      return <DurationInput id={id} label={label} value={value} onChange={onChange} invalid={invalid} />;
    case "absoluteDate":
      return <DateInput {...common} value={value} onChange={onChange} />;
    case "between": {
      const pair = Array.isArray(value) ? value : [undefined, undefined];
      const set = (i: number, v: unknown) => {
        const next = [...pair];
        next[i] = v;
        onChange(next);
      };
      const Input = type === "date" ? DateInput : NumberInput;
      return (
        <span className="inline-fields">
          <Input {...common} aria-label={`${label}: from`} value={pair[0]} onChange={(v) => set(0, v)} />
          <span aria-hidden="true">and</span>
          <Input
            {...common}
            id={`${id}-to`}
            aria-label={`${label}: to`}
            value={pair[1]}
            onChange={(v) => set(1, v)}
          />
        </span>
      );
    }
    case "membership":
    case "arrayMany":
      return (
        <MultiValueInput
          id={id}
          label={label}
          value={value}
          numeric={type === "number"}
          suggestions={suggestions}
          onChange={onChange}
          invalid={invalid}
        />
      );
    case "order":
      return (
        <span className="inline-fields">
          <NumberInput {...common} value={value} onChange={onChange} />
          {unit && <span className="unit">{unit}</span>}
        </span>
      );
    case "equality":
      if (type === "number") {
        return (
          <span className="inline-fields">
            <NumberInput {...common} value={value} onChange={onChange} />
            {unit && <span className="unit">{unit}</span>}
          </span>
        );
      }
      return <TextInput {...common} value={value} onChange={onChange} suggestions={suggestions} />;
    case "text":
    case "arrayOne":
      return <TextInput {...common} value={value} onChange={onChange} suggestions={suggestions} />;
  }
}

interface InputProps {
  id: string;
  "aria-label": string;
  "aria-invalid": true | undefined;
  value: unknown;
  onChange: (value: unknown) => void;
}

function NumberInput({ value, onChange, ...rest }: InputProps) {
  return (
    <input
      {...rest}
      type="number"
      className="narrow"
      value={typeof value === "number" ? value : ""}
      onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
    />
  );
}

function TextInput({ value, onChange, suggestions, ...rest }: InputProps & { suggestions: unknown[] }) {
  const listId = `${rest.id}-seen`;
  return (
    <>
      <input
        {...rest}
        type="text"
        list={suggestions.length > 0 ? listId : undefined}
        value={value === undefined || value === null ? "" : String(value)}
        onChange={(e) => onChange(e.target.value)}
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={String(s)} value={String(s)} />
          ))}
        </datalist>
      )}
    </>
  );
}

/** A date picker for dates, a text field for date-times (the picker cannot show them). */
function DateInput({ value, onChange, ...rest }: InputProps) {
  const text = typeof value === "string" ? value : "";
  return (
    <input
      {...rest}
      type={text === "" || DATE_ONLY.test(text) ? "date" : "text"}
      value={text}
      onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
    />
  );
}
