import { useBuilder } from "./builder-context.ts";
import { conditionNode, newGroup } from "./editor-tree.ts";
import { PALETTE_GROUPS } from "./palette-items.ts";

/** A keyboard-friendly way to add: every catalog entry, grouped, plus a nested group. */
export function AddToGroup({ groupId, label }: { groupId: string; label: string }) {
  const { items, append } = useBuilder();
  return (
    <span className="add-controls">
      <select
        aria-label={`Add a condition to ${label}`}
        value=""
        onChange={(e) => {
          const item = items.find((i) => i.key === e.target.value);
          if (item !== undefined) append(groupId, conditionNode(item.make()));
        }}
      >
        <option value="">+ Condition…</option>
        {PALETTE_GROUPS.map((g) => (
          <optgroup key={g} label={g}>
            {items
              .filter((i) => i.group === g)
              .map((i) => (
                <option key={i.key} value={i.key}>
                  {i.label}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <button type="button" onClick={() => append(groupId, newGroup("or"))}>
        + Group
      </button>
    </span>
  );
}
