/** Ends an exhaustive switch: adding a case to the union makes the call site fail to compile. */
export function assertNever(x: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(x)}`);
}
