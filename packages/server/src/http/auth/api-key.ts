import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new workspace key: 32 random bytes, base64url, with a prefix that says what it is. */
export function newApiKey(): string {
  return `seg_${randomBytes(32).toString("base64url")}`;
}

/** How keys are stored (WorkspaceRecord.apiKeyHash): SHA-256, hex. Keys themselves never are. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Compares a presented key with a configured one in constant time (over their hashes). */
export function sameKey(presented: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(hashApiKey(presented), "hex"), Buffer.from(hashApiKey(expected), "hex"));
}
