import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * The stable bucket (0..9999) of a contact for a salt: the first 4 bytes of
 * SHA-256("<workspace id>:<salt>:<contact id>") as an unsigned big-endian integer, mod 10000.
 * @example bucketOf("ws_1", "spring-test", "user_42") // a number in 0..9999, always the same
 */
export function bucketOf(workspaceId: string, salt: string, contactId: string): number {
  const h = sha256(utf8ToBytes(`${workspaceId}:${salt}:${contactId}`));
  return (((h[0] << 24) >>> 0) + (h[1] << 16) + (h[2] << 8) + h[3]) % 10_000;
}

/**
 * Member when the bucket is below `percent * 100`. The product is rounded to 6 decimals so that
 * binary floating point never admits an extra bucket (1.1 * 100 is 110.00000000000001).
 */
export function inBucket(bucket: number, percent: number): boolean {
  return bucket < Math.round(percent * 100 * 1e6) / 1e6;
}
