import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Stored responses are encrypted (AES-256-GCM) with a key derived from the caller's API key and
 * the idempotency key: a replay needs both, and the table never shows what the responses held
 * (`POST /v1/workspaces` answers with a new workspace's API key, which is otherwise kept only as
 * a hash).
 */
export function sealingKey(apiKey: string, idempotencyKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", apiKey, idempotencyKey, "growthos-segments idempotent response", 32));
}

const IV = 12;
const TAG = 16;

export function seal(body: string, key: Buffer): string {
  const iv = randomBytes(IV);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(body, "utf8"), cipher.final()]);
  return Buffer.concat([iv, data, cipher.getAuthTag()]).toString("base64");
}

/** The body, or undefined when it was sealed with another key (or altered). */
export function unseal(sealed: string, key: Buffer): string | undefined {
  const raw = Buffer.from(sealed, "base64");
  if (raw.length < IV + TAG) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV));
    decipher.setAuthTag(raw.subarray(raw.length - TAG));
    return Buffer.concat([decipher.update(raw.subarray(IV, raw.length - TAG)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return undefined;
  }
}
