export * from "./conditions.ts";
export * from "./operators.ts";
export * from "./primitives.ts";
export * from "./rule.ts";
