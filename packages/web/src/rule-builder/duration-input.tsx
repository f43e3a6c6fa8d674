import { TIME_UNITS } from "@growthos/segments-core";

interface Props {
  id: string;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  invalid?: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** `{ amount, unit }`: a whole number and minutes/hours/days/weeks. */
export function DurationInput({ id, label, value, onChange, invalid }: Props) {
  const current = isRecord(value) ? value : {};
  const amount = typeof current.amount === "number" ? current.amount : "";
  const unit = typeof current.unit === "string" ? current.unit : "day";
  return (
    <span className="inline-fields">
      <input
        id={id}
        type="number"
        inputMode="numeric"
        className="narrow"
        aria-label={`${label}: amount`}
        aria-invalid={invalid || undefined}
        value={amount}
        onChange={(e) =>
          onChange({ ...current, amount: e.target.value === "" ? undefined : Number(e.target.value), unit })
        }
      />
      <select
        aria-label={`${label}: unit`}
        value={unit}
        onChange={(e) => onChange({ ...current, amount: current.amount, unit: e.target.value })}
      >
        {TIME_UNITS.map((u) => (
          <option key={u} value={u}>
            {u}s
          </option>
        ))}
      </select>
    </span>
  );
}
