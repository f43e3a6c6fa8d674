import type { EditorGroup, EditorNode } from "./editor-tree.ts";

/** Pure edits of the working copy by node id; each returns a new tree and shares the rest. */

export function findNode(root: EditorGroup, id: string): EditorNode | undefined {
  if (root.id === id) return root;
  for (const child of root.children) {
    const found = child.id === id ? child : child.kind === "group" ? findNode(child, id) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

export function parentOf(root: EditorGroup, id: string): EditorGroup | undefined {
  for (const child of root.children) {
    if (child.id === id) return root;
    if (child.kind === "group") {
      const found = parentOf(child, id);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The ids of a node and everything under it. */
export function subtreeIds(node: EditorNode, into = new Set<string>()): Set<string> {
  into.add(node.id);
  if (node.kind === "group") for (const child of node.children) subtreeIds(child, into);
  return into;
}

export function updateNode(root: EditorGroup, id: string, fn: (n: EditorNode) => EditorNode): EditorGroup {
  return mapTree(root, (n) => (n.id === id ? fn(n) : n)) as EditorGroup;
}

function mapTree(node: EditorNode, fn: (n: EditorNode) => EditorNode): EditorNode {
  const mapped = fn(node);
  if (mapped.kind !== "group") return mapped;
  let changed = false;
  const children = mapped.children.map((c) => {
    const m = mapTree(c, fn);
    if (m !== c) changed = true;
    return m;
  });
  return changed ? { ...mapped, children } : mapped;
}

export function removeNode(root: EditorGroup, id: string): EditorGroup {
  return mapTree(root, (n) =>
    n.kind === "group" && n.children.some((c) => c.id === id)
      ? { ...n, children: n.children.filter((c) => c.id !== id) }
      : n,
  ) as EditorGroup;
}

export function insertNode(
  root: EditorGroup,
  parentId: string,
  index: number,
  node: EditorNode,
): EditorGroup {
  return updateNode(root, parentId, (p) => {
    if (p.kind !== "group") return p;
    const children = [...p.children];
    children.splice(Math.max(0, Math.min(index, children.length)), 0, node);
    return { ...p, children };
  });
}

/** Where a dragged node lands: a parent group and the index it takes there. */
export interface DropTarget {
  parentId: string;
  index: number;
}

/**
 * Moves a node to just before the target (or to the end of a group), the place the drop line
 * showed. A group never moves into itself.
 */
export function moveNode(root: EditorGroup, id: string, target: DropTarget): EditorGroup {
  const node = findNode(root, id);
  const from = parentOf(root, id);
  if (node === undefined || from === undefined || subtreeIds(node).has(target.parentId)) return root;
  const fromIndex = from.children.findIndex((c) => c.id === id);
  // In its own group, the indices after it shift down by one once it is taken out.
  const index = from.id === target.parentId && target.index > fromIndex ? target.index - 1 : target.index;
  if (from.id === target.parentId && index === fromIndex) return root;
  return insertNode(removeNode(root, id), target.parentId, index, node);
}

/** The JSON Pointer of a node in the rule (`""` for the root, `/children/1/children/0` deeper). */
export function pointerOf(root: EditorGroup, id: string, base = ""): string | undefined {
  if (root.id === id) return base;
  for (const [i, child] of root.children.entries()) {
    const path = `${base}/children/${i}`;
    if (child.id === id) return path;
    if (child.kind === "group") {
      const found = pointerOf(child, id, path);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
