import type { Duration } from "../schema/primitives.ts";
import type { ParamValue } from "./segment-template.ts";

/**
 * Checked param values (defaults filled in), read by type. A wrong read is a bug in a template
 * definition, so it throws.
 * @example new ParamValues(new Map([["days", 7]])).number("days") // 7
 */
export class ParamValues {
  constructor(private readonly values: ReadonlyMap<string, ParamValue>) {}

  number(name: string): number {
    const v = this.get(name);
    if (typeof v !== "number") throw new Error(`template param "${name}" is not a number`);
    return v;
  }

  string(name: string): string {
    const v = this.get(name);
    if (typeof v !== "string") throw new Error(`template param "${name}" is not a string`);
    return v;
  }

  duration(name: string): Duration {
    const v = this.get(name);
    if (typeof v !== "object") throw new Error(`template param "${name}" is not a duration`);
    return { amount: v.amount, unit: v.unit };
  }

  private get(name: string): ParamValue {
    const v = this.values.get(name);
    if (v === undefined) throw new Error(`template param "${name}" is not declared`);
    return v;
  }
}
