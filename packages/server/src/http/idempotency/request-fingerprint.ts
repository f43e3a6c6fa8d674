import { createHash } from "node:crypto";

/**
 * What makes two requests "the same" for a key: method, path with query, and the parsed body
 * with its object keys sorted (so a client that re-serialises its body still matches).
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify([method, url, canonical(body)]))
    .digest("hex");
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value ?? null;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
}
