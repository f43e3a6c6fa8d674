import type { Api } from "../api/client.ts";
import type { Catalog, ListInfo, Segment } from "../api/types.ts";
import { type EditorGroup, emptyRoot, fromRule } from "../rule-builder/editor-tree.ts";

/** Everything the editor needs before it can show a rule. */
export interface EditorData {
  catalog: Catalog;
  segments: Segment[];
  lists: ListInfo[];
  name: string;
  description: string;
  tree: EditorGroup;
  existing?: Segment;
}

export async function loadEditorData(api: Api, segmentId?: string, template?: string): Promise<EditorData> {
  const [catalog, segments, lists] = await Promise.all([api.catalog(), api.segments(), api.lists()]);
  const base = { catalog, segments, lists };
  if (segmentId !== undefined) {
    const existing = await api.segment(segmentId);
    return {
      ...base,
      existing,
      name: existing.name,
      description: existing.description,
      tree: fromRule(existing.rule) ?? emptyRoot(),
    };
  }
  if (template !== undefined) {
    const found = (await api.templates()).find((t) => t.id === template);
    if (found !== undefined) {
      return {
        ...base,
        name: found.name,
        description: found.description,
        tree: fromRule(found.rule) ?? emptyRoot(),
      };
    }
  }
  return { ...base, name: "", description: "", tree: emptyRoot() };
}
