import type { RuleIssue } from "@growthos/segments-core";
import { createContext, useContext } from "react";
import type { Catalog, CatalogField, ListInfo, Segment } from "../api/types.ts";
import type { DraftCondition, EditorGroup, EditorNode } from "./editor-tree.ts";
import type { PaletteItem } from "./palette-items.ts";

/** What every node of the builder reads: the data it offers and the edits it can make. */
export interface BuilderContextValue {
  catalog: Catalog;
  fields: Map<string, CatalogField>;
  segments: Segment[];
  lists: ListInfo[];
  items: PaletteItem[];
  issues: RuleIssue[];
  setCondition: (id: string, condition: DraftCondition) => void;
  setGroupFields: (id: string, fields: EditorGroup["fields"]) => void;
  remove: (id: string) => void;
  append: (groupId: string, node: EditorNode) => void;
}

export const BuilderContext = createContext<BuilderContextValue | null>(null);

export function useBuilder(): BuilderContextValue {
  const value = useContext(BuilderContext);
  if (value === null) throw new Error("useBuilder outside a RuleBuilder");
  return value;
}
