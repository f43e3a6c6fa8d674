import { useDraggable, useDroppable } from "@dnd-kit/core";
import { Fragment } from "react";
import { AddToGroup } from "./add-condition-select.tsx";
import { useBuilder } from "./builder-context.ts";
import { ConditionNode } from "./condition-node.tsx";
import { DragHandle } from "./drag-handle.tsx";
import type { EditorGroup } from "./editor-tree.ts";
import { issuesAt } from "./node-issues.ts";
import { NodeIssuesList } from "./node-issues-list.tsx";

interface Props {
  node: EditorGroup;
  pointer: string;
  depth: number;
}

/** An AND/OR group (optionally NOT), its children in order, and a place to drop more. */
export function GroupNode({ node, pointer, depth }: Props) {
  const { issues, setGroupFields, remove } = useBuilder();
  const isRoot = depth === 1;
  const drag = useDraggable({ id: node.id, data: { kind: "node" }, disabled: isRoot });
  const drop = useDroppable({ id: node.id, data: { kind: "node" }, disabled: isRoot });
  const mine = issuesAt(issues, pointer, true);
  const combinator = node.fields.combinator === "or" ? "or" : "and";
  const negate = node.fields.negate === true;
  const label = isRoot ? "the rule" : groupLabel(pointer);
  const issuesId = `${node.id}-issues`;

  // Kept as written when it was there (so `negate: false` round-trips), left out otherwise.
  const setNegate = (on: boolean) =>
    setGroupFields(node.id, on || "negate" in node.fields ? { ...node.fields, negate: on } : node.fields);

  return (
    <fieldset
      ref={(el) => {
        drag.setNodeRef(el);
        drop.setNodeRef(el);
      }}
      className={`node group depth-${Math.min(depth, 4)}${drag.isDragging ? " dragging" : ""}${drop.isOver ? " drop-before" : ""}${mine.length > 0 ? " invalid" : ""}`}
      data-node-path={pointer}
      data-testid={`node-${pointer || "root"}`}
      aria-label={label}
      aria-describedby={mine.length > 0 ? issuesId : undefined}
    >
      <div className="node-bar group-bar">
        {!isRoot && (
          <DragHandle
            label={`Move ${label}`}
            setRef={drag.setActivatorNodeRef}
            attributes={drag.attributes}
            listeners={drag.listeners}
          />
        )}
        <label className="inline-label">
          <input type="checkbox" checked={negate} onChange={(e) => setNegate(e.target.checked)} />
          NOT
        </label>
        <select
          aria-label={`Combine ${label} with`}
          value={combinator}
          onChange={(e) => setGroupFields(node.id, { ...node.fields, combinator: e.target.value })}
        >
          <option value="and">ALL of (AND)</option>
          <option value="or">ANY of (OR)</option>
        </select>
        <AddToGroup groupId={node.id} label={label} />
        {!isRoot && (
          <button
            type="button"
            className="icon remove"
            aria-label={`Remove ${label}`}
            onClick={() => remove(node.id)}
          >
            ×
          </button>
        )}
      </div>
      <NodeIssuesList id={issuesId} issues={mine} />
      <ol className="children">
        {node.children.map((child, i) => (
          <Fragment key={child.id}>
            {i > 0 && (
              <li className="connector" aria-hidden="true">
                {combinator.toUpperCase()}
              </li>
            )}
            <li>
              {child.kind === "group" ? (
                <GroupNode node={child} pointer={`${pointer}/children/${i}`} depth={depth + 1} />
              ) : (
                <ConditionNode node={child} pointer={`${pointer}/children/${i}`} />
              )}
            </li>
          </Fragment>
        ))}
      </ol>
      <IntoZone groupId={node.id} pointer={pointer} empty={node.children.length === 0} label={label} />
    </fieldset>
  );
}

/** The end of a group: dropping here appends, which is also how an empty group gets filled. */
function IntoZone(props: { groupId: string; pointer: string; empty: boolean; label: string }) {
  const { groupId, pointer, empty, label } = props;
  const { isOver, setNodeRef } = useDroppable({ id: `into:${groupId}`, data: { kind: "into", groupId } });
  return (
    <div
      ref={setNodeRef}
      className={`into-zone${isOver ? " over" : ""}${empty ? " empty" : ""}`}
      data-testid={`into-${pointer || "root"}`}
    >
      {empty
        ? `Drag a condition here, or add one to ${label} above`
        : `Drop here to add to the end of ${label}`}
    </div>
  );
}

/** "group 4.2": the group's place among its parents' children, counted from 1. */
function groupLabel(pointer: string): string {
  const places = pointer.split("/").filter((p) => /^\d+$/.test(p));
  return `group ${places.map((p) => Number(p) + 1).join(".")}`;
}
