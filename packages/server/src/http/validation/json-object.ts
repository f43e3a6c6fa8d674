import { z } from "zod";
import { textProblem } from "./safe-text.ts";

/** Nesting deeper than this is refused (the stores serialise values recursively). */
export const MAX_JSON_DEPTH = 32;
/** Top-level keys (property, trait names) are names rules refer to. */
export const MAX_KEY_LENGTH = 256;

interface JsonProblem {
  path: (string | number)[];
  message: string;
}

/**
 * A free-form JSON object (traits, event properties) that both stores keep exactly: strings
 * without NUL or unpaired surrogates, finite numbers (`1e999` parses to Infinity), no
 * `__proto__` keys, at most MAX_JSON_DEPTH levels. `null` values are kept (a trait set to null
 * is removed).
 */
export function jsonObject(description: string) {
  return z
    .record(z.string(), z.unknown())
    .superRefine((obj, ctx) => {
      for (const p of objectProblems(obj)) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
    })
    .describe(description);
}

function objectProblems(obj: Record<string, unknown>): JsonProblem[] {
  const out: JsonProblem[] = [];
  for (const [key, value] of Object.entries(obj)) {
    const message =
      key.length === 0
        ? "must not be empty"
        : key.length > MAX_KEY_LENGTH
          ? `must be at most ${MAX_KEY_LENGTH} characters`
          : keyProblem(key);
    if (message !== undefined) out.push({ path: [key], message: `the name ${message}` });
    walk(value, [key], 1, out);
  }
  return out;
}

function walk(value: unknown, path: (string | number)[], depth: number, out: JsonProblem[]): void {
  if (out.length >= 100) return; // enough to act on; an adversarial body must not make a huge answer
  if (typeof value === "string") {
    const message = textProblem(value);
    if (message !== undefined) out.push({ path, message });
  } else if (typeof value === "number") {
    if (!Number.isFinite(value)) out.push({ path, message: "must be a finite number" });
  } else if (value !== null && typeof value === "object") {
    if (depth >= MAX_JSON_DEPTH) {
      out.push({ path, message: `is nested too deeply (at most ${MAX_JSON_DEPTH} levels)` });
      return;
    }
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i], depth + 1, out);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      const message = keyProblem(key);
      if (message !== undefined) out.push({ path: [...path, key], message: `the name ${message}` });
      walk(v, [...path, key], depth + 1, out);
    }
  }
}

function keyProblem(key: string): string | undefined {
  return key === "__proto__" ? "is not allowed" : textProblem(key);
}
