export { explainRule } from "./explain.ts";
export type { ExplainNode, Observed } from "./explain-node.ts";
