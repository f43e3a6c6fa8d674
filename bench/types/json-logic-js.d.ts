// Minimal types for json-logic-js@2.0.5 (it ships none): only what the benchmarks call.
declare module "json-logic-js" {
  export type JsonLogicRule = { [operator: string]: unknown };
  const jsonLogic: {
    apply(logic: JsonLogicRule, data?: unknown): unknown;
  };
  export default jsonLogic;
}
