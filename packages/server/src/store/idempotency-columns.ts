import type { IdempotencyRecord } from "./store.ts";

/** An idempotency row's columns as both adapters name them (the workspace column differs). */
export interface IdempotencyColumns {
  key: string;
  fingerprint: string;
  created_at: number;
  expires_at: number;
  /** Null while the first request is in flight. */
  status: number | null;
  content_type: string | null;
  body: string | null;
}

export function idempotencyFromColumns(workspaceId: string, r: IdempotencyColumns): IdempotencyRecord {
  const response =
    r.status === null ? null : { status: r.status, contentType: r.content_type, body: r.body ?? "" };
  return {
    workspaceId,
    key: r.key,
    fingerprint: r.fingerprint,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    response,
  };
}
