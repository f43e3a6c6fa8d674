import { z } from "zod";

export const IDEMPOTENCY_HEADER = "idempotency-key";

/** Visible ASCII, as keys are usually UUIDs or similar tokens; long enough for any of them. */
export const IdempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, "must be 1-255 visible ASCII characters")
  .describe(
    "Makes the call safe to retry: the first response for this key is stored for 24 hours and " +
      "replayed for a repeat of the same request (Idempotent-Replayed: true); the key with a " +
      "different request gets 422, a repeat while the first is still running gets 409.",
  );

const shape = { [IDEMPOTENCY_HEADER]: IdempotencyKey.optional() };

/** A route's headers schema with the key added, so that it is validated and documented. */
export function withIdempotencyKey(headers: unknown, url: string): z.ZodType {
  if (headers === undefined) return z.looseObject(shape);
  if (headers instanceof z.ZodObject) return headers.extend(shape);
  throw new Error(`${url}: its headers schema is not a zod object, so Idempotency-Key cannot be added`);
}
