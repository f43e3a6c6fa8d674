/**
 * Which calls take an `Idempotency-Key`: the mutating management calls. Ingestion is not among
 * them (it dedupes by messageId), nor are the read-only POSTs (previews, audience resolution).
 */
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const MANAGED = /^\/v1\/(segments|lists|webhooks|workspaces)(\/|$)/;
const READ_ONLY = /\/preview$/;

/** `url` is the route's pattern (`/v1/segments/:id`), not the request's path. */
export function takesIdempotencyKey(method: string | readonly string[], url: string): boolean {
  const methods = typeof method === "string" ? [method] : method;
  return methods.some((m) => MUTATING.has(m)) && MANAGED.test(url) && !READ_ONLY.test(url);
}
