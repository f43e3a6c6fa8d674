import type { WebhookDeliveryState, WebhookRecord } from "../records.ts";
import { toJson } from "./json-codec.ts";
import type { StatementCache } from "./statement-cache.ts";

interface WebhookRow {
  ws: string;
  id: string;
  url: string;
  segments: string | null;
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

type StateParams = [number, number, number, number | null, string | null, number | null, string | null];

const columns = `SELECT ws, id, url, segments, secret, created_at, cursor, failures, gone,
  next_attempt_at, last_error, disabled_at, disabled_reason FROM webhooks`;
const insert = `INSERT INTO webhooks (ws, id, url, segments, secret, created_at, cursor, failures, gone,
  next_attempt_at, last_error, disabled_at, disabled_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const save = `UPDATE webhooks SET cursor = max(cursor, ?), failures = ?, gone = ?, next_attempt_at = ?,
  last_error = ?, disabled_at = ?, disabled_reason = ? WHERE ws = ? AND id = ?`;

function stateParams(d: WebhookDeliveryState): StateParams {
  return [d.cursor, d.failures, d.gone, d.nextAttemptAt, d.lastError, d.disabledAt, d.disabledReason];
}

function webhookFromRow(r: WebhookRow): WebhookRecord {
  return {
    workspaceId: r.ws,
    id: r.id,
    url: r.url,
    segments: r.segments === null ? null : (JSON.parse(r.segments) as string[]),
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

export function insertWebhook(s: StatementCache, w: WebhookRecord): void {
  const segments = w.segments === null ? null : toJson(w.segments, "webhook segments");
  s.get<[string, string, string, string | null, string, number, ...StateParams]>(insert).run(
    w.workspaceId,
    w.id,
    w.url,
    segments,
    w.secret,
    w.createdAt,
    ...stateParams(w.delivery),
  );
}

export function readWebhooks(s: StatementCache, ws: string, id?: string): WebhookRecord[] {
  const rows =
    id === undefined
      ? s.get<[string], WebhookRow>(`${columns} WHERE ws = ? ORDER BY created_at, id`).all(ws)
      : s.get<[string, string], WebhookRow>(`${columns} WHERE ws = ? AND id = ?`).all(ws, id);
  return rows.map(webhookFromRow);
}

export function removeWebhook(s: StatementCache, ws: string, id: string): boolean {
  return s.get<[string, string]>("DELETE FROM webhooks WHERE ws = ? AND id = ?").run(ws, id).changes > 0;
}

export function saveDelivery(s: StatementCache, ws: string, id: string, d: WebhookDeliveryState): boolean {
  return s.get<[...StateParams, string, string]>(save).run(...stateParams(d), ws, id).changes > 0;
}
