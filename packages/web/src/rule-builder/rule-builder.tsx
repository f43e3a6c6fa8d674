import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import type { RuleIssue } from "@growthos/segments-core";
import { useMemo, useRef, useState } from "react";
import type { Catalog, ListInfo, Segment } from "../api/types.ts";
import { BuilderContext, type BuilderContextValue } from "./builder-context.ts";
import { describeCondition } from "./draft-fields.ts";
import { collisionFor, dropTarget, keyboardCoordinatesFor } from "./drop-logic.ts";
import { conditionNode, type EditorGroup } from "./editor-tree.ts";
import { GroupNode } from "./group-node.tsx";
import { Palette } from "./palette.tsx";
import type { PaletteItem } from "./palette-items.ts";
import { paletteItems } from "./palette-items.ts";
import { findNode, insertNode, moveNode, removeNode, updateNode } from "./tree-ops.ts";

interface Props {
  tree: EditorGroup;
  onChange: (tree: EditorGroup) => void;
  issues: RuleIssue[];
  catalog: Catalog;
  segments: Segment[];
  lists: ListInfo[];
}

const INSTRUCTIONS =
  "To move a condition or group, press Space or Enter on its handle, use the up and down arrow keys " +
  "to choose where it goes, then press Space or Enter to drop it, or Escape to cancel.";

/** The visual rule builder: the catalog on one side, the rule tree on the other, drag between. */
export function RuleBuilder({ tree, onChange, issues, catalog, segments, lists }: Props) {
  const treeRef = useRef(tree);
  treeRef.current = tree;
  const [dragging, setDragging] = useState<string | null>(null);

  const items = useMemo(() => paletteItems(catalog, segments, lists), [catalog, segments, lists]);
  const fields = useMemo(
    () => new Map([...catalog.properties, ...catalog.module_fields].map((f) => [f.name, f])),
    [catalog],
  );
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    // Instant scrolling: the target under a smoothly scrolling page is measured mid-way.
    useSensor(KeyboardSensor, {
      coordinateGetter: keyboardCoordinatesFor(() => treeRef.current),
      scrollBehavior: "instant",
    }),
  );
  const collision = useMemo(() => collisionFor(() => treeRef.current), []);

  const context: BuilderContextValue = {
    catalog,
    fields,
    segments,
    lists,
    items,
    issues,
    setCondition: (id, condition) =>
      onChange(updateNode(treeRef.current, id, (n) => (n.kind === "condition" ? { ...n, condition } : n))),
    setGroupFields: (id, groupFields) =>
      onChange(
        updateNode(treeRef.current, id, (n) => (n.kind === "group" ? { ...n, fields: groupFields } : n)),
      ),
    remove: (id) => onChange(removeNode(treeRef.current, id)),
    append: (groupId, node) => {
      const group = findNode(treeRef.current, groupId);
      if (group?.kind === "group")
        onChange(insertNode(treeRef.current, groupId, group.children.length, node));
    },
  };

  const labelOf = (id: string | number, data?: unknown): string => {
    const item = (data as { item?: PaletteItem } | undefined)?.item;
    if (item !== undefined) return item.label;
    if (String(id).startsWith("into:")) return "the end of the group";
    const node = findNode(treeRef.current, String(id));
    if (node === undefined) return "the rule";
    return node.kind === "group" ? "a group" : describeCondition(node.condition);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${labelOf(active.id, active.data.current)}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${labelOf(active.id, active.data.current)} would go before ${labelOf(over.id)}.`
        : "No place here.",
    onDragEnd: ({ active, over }) =>
      over
        ? `Dropped ${labelOf(active.id, active.data.current)} at ${labelOf(over.id)}.`
        : "Dropped nowhere.",
    onDragCancel: ({ active }) => `Cancelled moving ${labelOf(active.id, active.data.current)}.`,
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    setDragging(null);
    if (over === null) return;
    const target = dropTarget(treeRef.current, String(over.id), over.data.current);
    if (target === undefined) return;
    const item = (active.data.current as { item?: PaletteItem } | undefined)?.item;
    onChange(
      item !== undefined
        ? insertNode(treeRef.current, target.parentId, target.index, conditionNode(item.make()))
        : moveNode(treeRef.current, String(active.id), target),
    );
  }

  return (
    <BuilderContext.Provider value={context}>
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={({ active }: DragStartEvent) => setDragging(labelOf(active.id, active.data.current))}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
        autoScroll={{ threshold: { x: 0, y: 0.1 } }}
        accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
      >
        <div className="builder">
          <Palette rootId={tree.id} />
          <section className="rule-tree" aria-label="Rule">
            <GroupNode node={tree} pointer="" depth={1} />
          </section>
        </div>
        <DragOverlay dropAnimation={null}>
          {dragging && <div className="drag-overlay">{dragging}</div>}
        </DragOverlay>
      </DndContext>
    </BuilderContext.Provider>
  );
}
