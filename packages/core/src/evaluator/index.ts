export { compileRule } from "./compile-rule.ts";
export { compileTestFunction } from "./compile-test-source.ts";
export type { CompiledNode, Outcome } from "./compiled-node.ts";
export { compileValuePredicate, type ValuePredicate } from "./value-predicate.ts";
