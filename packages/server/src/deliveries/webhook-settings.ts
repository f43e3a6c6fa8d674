import { type Resolve, systemResolve } from "./destination.ts";

/** How webhooks are delivered; the defaults suit production, tests shorten them. */
export interface WebhookSettings {
  /** `SEGMENTS_WEBHOOK_DENY_PRIVATE=1`: no loopback, private or link-local destinations. */
  denyPrivate: boolean;
  /** One attempt, from connecting to the response's status line (ms, wall time). */
  timeoutMs: number;
  /** The wait after the first failure; it doubles with each failure in a row (ms, app clock). */
  retryBaseMs: number;
  /** The longest wait between two attempts. */
  retryMaxMs: number;
  /** 410 Gone answers in a row that disable a webhook. */
  goneLimit: number;
  /** Re-reads the log this often without a local commit (another node may have written). */
  pollMs: number;
  /** Changes read from the log per step. */
  pageSize: number;
  /** Resolves destination names (the private-address policy checks what it returns). */
  resolve: Resolve;
}

export const WEBHOOK_DEFAULTS: WebhookSettings = {
  denyPrivate: false,
  timeoutMs: 10_000,
  retryBaseMs: 5_000,
  retryMaxMs: 60 * 60_000,
  goneLimit: 3,
  pollMs: 1_000,
  pageSize: 100,
  resolve: systemResolve,
};

/**
 * The wait before attempt `failures + 1`: base, 2×base, 4×base, … capped at the maximum.
 * @example retryDelay(3, { retryBaseMs: 5_000, retryMaxMs: 60_000 }) // 20_000
 */
export function retryDelay(failures: number, s: Pick<WebhookSettings, "retryBaseMs" | "retryMaxMs">): number {
  return Math.min(s.retryMaxMs, s.retryBaseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}
