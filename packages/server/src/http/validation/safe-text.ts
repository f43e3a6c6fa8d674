import { z } from "zod";

// In `u` mode a paired surrogate reads as one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a string cannot be stored as it is, or undefined. PostgreSQL refuses NUL in text and
 * jsonb and unpaired surrogates in jsonb, while SQLite would keep them: both stores agree only
 * when such strings never reach them.
 */
export function textProblem(s: string): string | undefined {
  if (s.includes("\u0000")) return "must not contain NUL (\\u0000) characters";
  if (LONE_SURROGATE.test(s)) return "must be well-formed Unicode (it has an unpaired surrogate)";
  return undefined;
}

/** A string that both stores keep byte for byte, of 1 to `max` characters. */
export function safeString(max: number) {
  return z
    .string()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .superRefine((s, ctx) => {
      const message = textProblem(s);
      if (message !== undefined) ctx.addIssue({ code: "custom", message, input: s });
    });
}
