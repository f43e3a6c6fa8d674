import type { DraggableAttributes, DraggableSyntheticListeners } from "@dnd-kit/core";

interface Props {
  label: string;
  setRef: (el: HTMLElement | null) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
}

/** The grip that starts a drag: mouse or touch, or Space/Enter then the arrow keys. */
export function DragHandle({ label, setRef, attributes, listeners }: Props) {
  return (
    <button
      type="button"
      ref={setRef}
      className="drag-handle"
      {...attributes}
      {...listeners}
      aria-label={label}
    >
      <span aria-hidden="true">⠿</span>
    </button>
  );
}
