import { type KeyboardEvent, useState } from "react";

interface Props {
  id: string;
  label: string;
  value: unknown;
  numeric: boolean;
  /** Values seen in the data, offered as suggestions. */
  suggestions: unknown[];
  onChange: (value: unknown) => void;
  invalid?: boolean;
}

/** A list of values: chips to remove, and a field (with the seen values) to add more. */
export function MultiValueInput({ id, label, value, numeric, suggestions, onChange, invalid }: Props) {
  const values = Array.isArray(value) ? value : [];
  const [draft, setDraft] = useState("");
  const listId = `${id}-seen`;

  function add() {
    const text = draft.trim();
    if (text === "") return;
    const item = numeric ? Number(text) : text;
    if (!values.includes(item)) onChange([...values, item]);
    setDraft("");
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      add();
    }
  }

  const remove = (i: number) => {
    const next = values.filter((_, j) => j !== i);
    onChange(next.length > 0 ? next : undefined);
  };

  return (
    <span className="multi-value">
      <ul className="chips" aria-label={`${label}: chosen values`}>
        {values.map((v, i) => (
          <li key={String(v)} className="chip">
            {String(v)}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${String(v)}`}
              onClick={() => remove(i)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        type={numeric ? "number" : "text"}
        aria-label={`${label}: add a value (Enter)`}
        aria-invalid={invalid || undefined}
        list={listId}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={add}
      />
      <datalist id={listId}>
        {suggestions
          .filter((s) => !values.includes(s))
          .map((s) => (
            <option key={String(s)} value={String(s)} />
          ))}
      </datalist>
    </span>
  );
}
