import { createHash } from "node:crypto";

/**
 * The bucket of a contact computed straight from RULES.md with node:crypto, independent of
 * src/values/bucket.ts, so tests do not check the code against itself.
 */
export function oracleBucket(workspace: string, salt: string, contact: string): number {
  return createHash("sha256").update(`${workspace}:${salt}:${contact}`).digest().readUInt32BE(0) % 10_000;
}
