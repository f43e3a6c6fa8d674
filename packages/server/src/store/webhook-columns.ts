import type { WebhookRecord } from "./records.ts";

/** A webhook row's columns as both adapters name them (the workspace and segment columns differ). */
export interface WebhookColumns {
  id: string;
  url: string;
  secret: string;
  created_at: number;
  cursor: number;
  failures: number;
  gone: number;
  next_attempt_at: number | null;
  last_error: string | null;
  disabled_at: number | null;
  disabled_reason: string | null;
}

/** The record of a stored webhook row. */
export function webhookFromColumns(
  workspaceId: string,
  segments: string[] | null,
  r: WebhookColumns,
): WebhookRecord {
  return {
    workspaceId,
    id: r.id,
    url: r.url,
    segments,
    secret: r.secret,
    createdAt: r.created_at,
    delivery: {
      cursor: r.cursor,
      failures: r.failures,
      gone: r.gone,
      nextAttemptAt: r.next_attempt_at,
      lastError: r.last_error,
      disabledAt: r.disabled_at,
      disabledReason: r.disabled_reason,
    },
  };
}
