import type { Catalog, CatalogField, ListInfo, Segment } from "../api/types.ts";
import type { DraftCondition } from "./editor-tree.ts";
import { defaultValue, familyOf, propertyOperators } from "./operators.ts";

export const PALETTE_GROUPS = ["Properties", "Events", "Scores", "Module data", "Segments & lists"] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

/** One condition the builder offers, and the condition it starts as. */
export interface PaletteItem {
  key: string;
  group: PaletteGroup;
  label: string;
  /** What kind of field it is, when the group does not say ("date", "0–10"); may be empty. */
  hint: string;
  make: () => DraftCondition;
}

function propertyItem(group: PaletteGroup, f: CatalogField): PaletteItem {
  return {
    key: `property:${f.name}`,
    group,
    label: f.name,
    hint: f.type,
    make: () => {
      const operator = propertyOperators(f.type)[0];
      const value = defaultValue(familyOf(operator));
      return { type: "property", property: f.name, operator, ...(value === undefined ? {} : { value }) };
    },
  };
}

/** Everything the catalog and the workspace offer, in the builder's five groups. */
export function paletteItems(catalog: Catalog, segments: Segment[], lists: ListInfo[]): PaletteItem[] {
  return [
    ...catalog.properties.map((f) => propertyItem("Properties", f)),
    ...catalog.events.map(
      (e): PaletteItem => ({
        key: `event:${e.name}`,
        group: "Events",
        label: e.name,
        hint: "",
        make: () => ({ type: "event", event: e.name, operator: "gte", value: 1 }),
      }),
    ),
    {
      key: "sequence",
      group: "Events",
      label: "Sequence of events",
      hint: "in order",
      make: () => ({
        type: "sequence",
        steps: catalog.events.slice(0, 2).map((e) => ({ event: e.name })),
        operator: "performed",
      }),
    },
    ...catalog.scores.map(
      (s): PaletteItem => ({
        key: `score:${s.name}`,
        group: "Scores",
        label: s.name,
        hint: `${s.min}–${s.max}`,
        make: () => ({ type: "score", score: s.name, operator: "gte" }),
      }),
    ),
    ...catalog.module_fields.map((f) => propertyItem("Module data", f)),
    ...segments.map(
      (s): PaletteItem => ({
        key: `segment:${s.id}`,
        group: "Segments & lists",
        label: s.name,
        hint: "segment",
        make: () => ({ type: "segment", segment: s.id, operator: "in" }),
      }),
    ),
    ...lists.map(
      (l): PaletteItem => ({
        key: `list:${l.id}`,
        group: "Segments & lists",
        label: l.name,
        hint: "list",
        make: () => ({ type: "list", list: l.id, operator: "in" }),
      }),
    ),
    {
      key: "bucket",
      group: "Segments & lists",
      label: "Random share of contacts",
      hint: "holdout",
      make: () => ({ type: "bucket", salt: "holdout", percent: 10 }),
    },
  ];
}
