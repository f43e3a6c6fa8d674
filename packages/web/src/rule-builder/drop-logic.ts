import {
  type Active,
  type CollisionDetection,
  type DroppableContainer,
  type KeyboardCoordinateGetter,
  pointerWithin,
} from "@dnd-kit/core";
import type { EditorGroup } from "./editor-tree.ts";
import { type DropTarget, findNode, parentOf, subtreeIds } from "./tree-ops.ts";

/** A node cannot be dropped on itself or inside itself: those targets are not offered. */
export function excludedTargets(tree: EditorGroup, active: Active | null): Set<string> {
  const node = active === null ? undefined : findNode(tree, String(active.id));
  if (node === undefined) return new Set();
  const ids = subtreeIds(node);
  for (const id of [...ids]) ids.add(`into:${id}`);
  return ids;
}

const area = (r: { width: number; height: number } | undefined) =>
  r === undefined ? Infinity : r.width * r.height;

/**
 * With a pointer: the innermost target under it (a condition rather than the group holding it).
 * With the keyboard: the target whose top-left corner the dragged item was moved to.
 */
export function collisionFor(tree: () => EditorGroup): CollisionDetection {
  return (args) => {
    const excluded = excludedTargets(tree(), args.active);
    const droppableContainers = args.droppableContainers.filter((c) => !excluded.has(String(c.id)));
    if (args.pointerCoordinates !== null) {
      return pointerWithin({ ...args, droppableContainers }).sort(
        (a, b) => area(args.droppableRects.get(a.id)) - area(args.droppableRects.get(b.id)),
      );
    }
    const { left, top } = args.collisionRect;
    const scored = droppableContainers.flatMap((c) => {
      const r = args.droppableRects.get(c.id);
      return r === undefined
        ? []
        : [{ id: c.id, data: { droppableContainer: c, value: Math.hypot(r.left - left, r.top - top) } }];
    });
    return scored.sort((a, b) => a.data.value - b.data.value).slice(0, 1);
  };
}

/** Arrow keys move the dragged item to the next target above or below, in reading order. */
export function keyboardCoordinatesFor(tree: () => EditorGroup): KeyboardCoordinateGetter {
  return (event, { context }) => {
    if (event.code !== "ArrowDown" && event.code !== "ArrowUp") return undefined;
    event.preventDefault();
    const { active, collisionRect, droppableRects, droppableContainers } = context;
    if (active === null || collisionRect === null) return undefined;
    const excluded = excludedTargets(tree(), active);
    const rects = droppableContainers
      .getEnabled()
      .filter((c: DroppableContainer) => !excluded.has(String(c.id)))
      .flatMap((c: DroppableContainer) => {
        const r = droppableRects.get(c.id);
        return r === undefined ? [] : [r];
      })
      .sort((a, b) => a.top - b.top || a.left - b.left);
    const target =
      event.code === "ArrowDown"
        ? rects.find((r) => r.top > collisionRect.top + 1)
        : rects.reverse().find((r) => r.top < collisionRect.top - 1);
    return target === undefined ? undefined : { x: target.left, y: target.top };
  };
}

/** Where a drop on `overId` puts the dragged item: before that node, or at the end of a group. */
export function dropTarget(tree: EditorGroup, overId: string, overData: unknown): DropTarget | undefined {
  const data = overData as { kind?: string; groupId?: string } | undefined;
  if (data?.kind === "into" && data.groupId !== undefined) {
    const group = findNode(tree, data.groupId);
    return group?.kind === "group" ? { parentId: group.id, index: group.children.length } : undefined;
  }
  const parent = parentOf(tree, overId);
  if (parent === undefined) return undefined;
  return { parentId: parent.id, index: parent.children.findIndex((c) => c.id === overId) };
}
