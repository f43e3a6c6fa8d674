import { useId, useState } from "react";
import { type EditorGroup, fromRule, toRule } from "./editor-tree.ts";

interface Props {
  tree: EditorGroup;
  onApply: (tree: EditorGroup) => void;
}

/** The rule as JSON, for power users: what is applied here is exactly what is saved. */
export function JsonView({ tree, onApply }: Props) {
  const [text, setText] = useState(() => JSON.stringify(toRule(tree), null, 2));
  const [error, setError] = useState("");
  const id = useId();

  function apply() {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setError(`Not valid JSON: ${(e as Error).message}`);
      return;
    }
    const next = fromRule(parsed);
    if (next === undefined) {
      setError(
        'The rule must be a group: {"type": "group", "combinator": "and", "children": [ … ]}, each child an object.',
      );
      return;
    }
    setError("");
    onApply(next);
  }

  return (
    <div className="json-view">
      <label htmlFor={id}>Rule JSON (RULES.md)</label>
      <textarea
        id={id}
        spellCheck={false}
        rows={20}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={apply}>
        Apply JSON
      </button>
    </div>
  );
}
