import { DurationInput } from "./duration-input.tsx";
import { ValueEditor } from "./value-editor.tsx";

const KINDS = {
  any: "at any time",
  within_last: "in the last",
  after: "on or after",
  before: "before",
  between: "between",
} as const;
type Kind = keyof typeof KINDS;

interface Props {
  id: string;
  value: unknown;
  onChange: (window: unknown) => void;
  invalid?: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

function kindOf(w: unknown): Kind {
  if (!isRecord(w)) return "any";
  const key = Object.keys(w)[0];
  return key in KINDS ? (key as Kind) : "any";
}

const STARTS: Record<Kind, unknown> = {
  any: undefined,
  within_last: { within_last: { amount: 30, unit: "day" } },
  after: { after: "" },
  before: { before: "" },
  between: { between: ["", ""] },
};

/** When events count: at any time, in the last N units, after/before a date, or between two. */
export function WindowEditor({ id, value, onChange, invalid }: Props) {
  const kind = kindOf(value);
  const inner = isRecord(value) ? value[kind] : undefined;
  return (
    <span className="inline-fields">
      <select
        id={id}
        aria-label="When"
        aria-invalid={invalid || undefined}
        value={kind}
        onChange={(e) => onChange(STARTS[e.target.value as Kind])}
      >
        {Object.entries(KINDS).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
      {kind === "within_last" && (
        <DurationInput
          id={`${id}-duration`}
          label="Window"
          value={inner}
          onChange={(d) => onChange({ within_last: d })}
          invalid={invalid}
        />
      )}
      {(kind === "after" || kind === "before" || kind === "between") && (
        <ValueEditor
          id={`${id}-date`}
          label="Window date"
          family={kind === "between" ? "between" : "absoluteDate"}
          type="date"
          value={inner === "" ? undefined : inner}
          onChange={(v) => onChange({ [kind]: v ?? "" })}
          invalid={invalid}
        />
      )}
    </span>
  );
}
