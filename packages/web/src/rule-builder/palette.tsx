import { useDraggable } from "@dnd-kit/core";
import { useId, useState } from "react";
import { useBuilder } from "./builder-context.ts";
import { conditionNode } from "./editor-tree.ts";
import { PALETTE_GROUPS, type PaletteItem } from "./palette-items.ts";

/** The catalog, grouped: drag an entry into a group, or press its add button. */
export function Palette({ rootId }: { rootId: string }) {
  const { items } = useBuilder();
  const [filter, setFilter] = useState("");
  const searchId = useId();
  const shown = items.filter((i) => i.label.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <aside className="palette" aria-label="Conditions">
      <h2>Conditions</h2>
      <label htmlFor={searchId}>Find a field</label>
      <input id={searchId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {PALETTE_GROUPS.map((group) => {
        const inGroup = shown.filter((i) => i.group === group);
        return (
          <section key={group} aria-label={group}>
            <h3>{group}</h3>
            {inGroup.length === 0 ? (
              <p className="muted small">None seen yet</p>
            ) : (
              <ul className="palette-items">
                {inGroup.map((item) => (
                  <PaletteEntry key={item.key} item={item} rootId={rootId} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </aside>
  );
}

function PaletteEntry({ item, rootId }: { item: PaletteItem; rootId: string }) {
  const { append } = useBuilder();
  const { setNodeRef, attributes, listeners, isDragging } = useDraggable({
    id: `palette:${item.key}`,
    data: { kind: "palette", item },
  });
  return (
    <li
      className={`palette-item${isDragging ? " dragging" : ""}`}
      ref={setNodeRef}
      data-testid={`palette-${item.key}`}
    >
      <button type="button" className="palette-grip" {...attributes} {...listeners}>
        <span aria-hidden="true">⠿</span> {item.label}{" "}
        {item.hint && <span className="palette-hint">{item.hint}</span>}
        <span className="visually-hidden"> (drag into the rule)</span>
      </button>
      <button
        type="button"
        className="icon"
        aria-label={`Add ${item.label} to the rule`}
        onClick={() => append(rootId, conditionNode(item.make()))}
      >
        +
      </button>
    </li>
  );
}
