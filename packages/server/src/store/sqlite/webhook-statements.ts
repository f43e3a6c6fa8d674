import { toJson } from "../json.ts";
import type { WebhookDeliveryState, WebhookRecord } from "../records.ts";
import { type WebhookColumns, webhookFromColumns } from "../webhook-columns.ts";
import type { StatementCache } from "./statement-cache.ts";

interface WebhookRow extends WebhookColumns {
  ws: string;
  segments: string | null;
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
  return webhookFromColumns(r.ws, r.segments === null ? null : (JSON.parse(r.segments) as string[]), r);
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
