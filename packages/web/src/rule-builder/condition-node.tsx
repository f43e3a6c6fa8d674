import { useDraggable, useDroppable } from "@dnd-kit/core";
import { useBuilder } from "./builder-context.ts";
import { ConditionFields } from "./condition-fields.tsx";
import { describeCondition } from "./draft-fields.ts";
import { DragHandle } from "./drag-handle.tsx";
import type { EditorCondition } from "./editor-tree.ts";
import { issuesAt } from "./node-issues.ts";
import { NodeIssuesList } from "./node-issues-list.tsx";

const KIND_LABELS: Record<string, string> = {
  property: "Property",
  score: "Score",
  event: "Event",
  event_time: "Event",
  segment: "Segment",
  list: "List",
  bucket: "Random share",
  sequence: "Sequence",
};

const NAME_FIELDS = ["property", "score", "event"] as const;

/** One condition: its drag handle, its editor, and its problems. */
export function ConditionNode({ node, pointer }: { node: EditorCondition; pointer: string }) {
  const { issues, setCondition, remove } = useBuilder();
  const drag = useDraggable({ id: node.id, data: { kind: "node" } });
  const drop = useDroppable({ id: node.id, data: { kind: "node" } });
  const mine = issuesAt(issues, pointer, false);
  const c = node.condition;
  const name = NAME_FIELDS.map((f) => c[f]).find((v) => typeof v === "string");
  const description = describeCondition(c);
  const issuesId = `${node.id}-issues`;
  return (
    <fieldset
      ref={(el) => {
        drag.setNodeRef(el);
        drop.setNodeRef(el);
      }}
      className={`node condition${drag.isDragging ? " dragging" : ""}${drop.isOver ? " drop-before" : ""}${mine.length > 0 ? " invalid" : ""}`}
      data-node-path={pointer}
      data-testid={`node-${pointer}`}
      aria-label={description}
      aria-describedby={mine.length > 0 ? issuesId : undefined}
    >
      <div className="node-bar">
        <DragHandle
          label={`Move ${description}`}
          setRef={drag.setActivatorNodeRef}
          attributes={drag.attributes}
          listeners={drag.listeners}
        />
        <span className="kind">{KIND_LABELS[c.type] ?? c.type}</span>
        {name !== undefined && <strong className="field-name">{name}</strong>}
        <span className="condition-fields">
          <ConditionFields
            id={node.id}
            pointer={pointer}
            condition={c}
            onChange={(n) => setCondition(node.id, n)}
          />
        </span>
        <button
          type="button"
          className="icon remove"
          aria-label={`Remove ${description}`}
          onClick={() => remove(node.id)}
        >
          ×
        </button>
      </div>
      <NodeIssuesList id={issuesId} issues={mine} />
    </fieldset>
  );
}
