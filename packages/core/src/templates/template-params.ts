import { Duration, LIMITS } from "../schema/primitives.ts";
import { ParamValues } from "./param-values.ts";
import type { ParamValue, TemplateIssue, TemplateParam } from "./segment-template.ts";

type Checked = { ok: true; value: ParamValue } | { ok: false; issues: TemplateIssue[] };

/**
 * Checks request params against a template's declared params and fills in defaults. Collects
 * every problem (unknown name, wrong type, out of range) with its path instead of stopping at the first.
 * @example resolveTemplateParams([daysParam], { days: "7" }) // { ok: false, issues: [{ code: "invalid_type", path: "/params/days", … }] }
 */
export function resolveTemplateParams(
  defs: readonly TemplateParam[],
  input: unknown,
): { ok: true; values: ParamValues } | { ok: false; issues: TemplateIssue[] } {
  if (input === undefined) input = {};
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, issues: [issue("invalid_type", "/params", "params must be an object")] };
  }
  const given = input as Record<string, unknown>;
  const issues: TemplateIssue[] = Object.keys(given)
    .filter((key) => !defs.some((d) => d.name === key))
    .map((key) => issue("unknown_param", paramPath(key), `this template has no param "${key}"`));
  const values = new Map<string, ParamValue>();
  for (const def of defs) {
    const raw = given[def.name];
    const checked = raw === undefined ? ({ ok: true, value: def.default } as const) : checkParam(def, raw);
    if (checked.ok) values.set(def.name, checked.value);
    else issues.push(...checked.issues);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values: new ParamValues(values) };
}

function checkParam(def: TemplateParam, raw: unknown): Checked {
  const path = paramPath(def.name);
  switch (def.type) {
    case "number":
      return checkNumber(def, raw, path);
    case "string":
      return checkString(raw, path);
    case "duration":
      return checkDuration(raw, path);
  }
}

function checkNumber(def: TemplateParam, raw: unknown, path: string): Checked {
  if (typeof raw !== "number" || !Number.isFinite(raw)) {
    return fail("invalid_type", path, "must be a finite number");
  }
  if (def.integer === true && !Number.isInteger(raw))
    return fail("not_integer", path, "must be a whole number");
  const lo = def.min ?? Number.NEGATIVE_INFINITY;
  const hi = def.max ?? Number.POSITIVE_INFINITY;
  if (raw < lo || raw > hi) return fail("out_of_range", path, `must be between ${lo} and ${hi}`);
  return { ok: true, value: raw };
}

function checkString(raw: unknown, path: string): Checked {
  if (typeof raw !== "string") return fail("invalid_type", path, "must be a string");
  if (raw.length < 1 || raw.length > LIMITS.maxNameLength) {
    return fail("out_of_range", path, `must be 1 to ${LIMITS.maxNameLength} characters long`);
  }
  return { ok: true, value: raw };
}

function checkDuration(raw: unknown, path: string): Checked {
  const parsed = Duration.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) =>
    issue(
      i.code === "too_big" || i.code === "too_small" ? "out_of_range" : "invalid_type",
      path + i.path.map((p) => `/${escapePointer(String(p))}`).join(""),
      i.message,
    ),
  );
  return { ok: false, issues };
}

function fail(code: string, path: string, message: string): Checked {
  return { ok: false, issues: [issue(code, path, message)] };
}

function issue(code: string, path: string, message: string): TemplateIssue {
  return { code, path, message };
}

function paramPath(name: string): string {
  return `/params/${escapePointer(name)}`;
}

/** RFC 6901: "~" and "/" inside a key are written "~0" and "~1". */
function escapePointer(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}
