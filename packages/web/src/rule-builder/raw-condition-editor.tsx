import { useEffect, useState } from "react";
import type { DraftCondition } from "./editor-tree.ts";

interface Props {
  id: string;
  condition: DraftCondition;
  onChange: (c: DraftCondition) => void;
}

/** Conditions without a form of their own (sequences) are edited as JSON in place. */
export function RawConditionEditor({ id, condition, onChange }: Props) {
  const written = JSON.stringify(condition, null, 2);
  const [text, setText] = useState(written);
  const [error, setError] = useState("");
  // Reformat only when the condition changed from outside, never while it is being typed.
  useEffect(() => {
    setText((current) => (sameJson(current, written) ? current : written));
  }, [written]);

  function apply(next: string) {
    setText(next);
    try {
      const parsed = JSON.parse(next);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new Error("not an object");
      setError("");
      onChange(parsed);
    } catch (e) {
      setError(`Not valid JSON: ${(e as Error).message}`);
    }
  }

  return (
    <span className="raw-condition">
      <textarea
        id={`${id}-json`}
        aria-label="Condition as JSON"
        rows={Math.min(12, text.split("\n").length)}
        value={text}
        onChange={(e) => apply(e.target.value)}
        aria-invalid={error ? true : undefined}
      />
      {error && <span className="error">{error}</span>}
    </span>
  );
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}
