export type { DataChange } from "./data-change.ts";
export { DependencyIndex } from "./dependency-index.ts";
export { type RuleReferences, ruleReferences } from "./rule-references.ts";
export {
  DuplicateSegmentError,
  findSegmentCycle,
  SegmentCycleError,
  type SegmentDefinition,
  topologicalOrder,
} from "./segment-order.ts";
