import type { WebhookDeliveryState, WebhookRecord } from "../records.ts";
import { type WebhookColumns, webhookFromColumns } from "../webhook-columns.ts";
import type { Db } from "./connect.ts";

interface WebhookRow extends WebhookColumns {
  workspace_id: string;
  segments: string[] | null;
}

const toWebhook = (r: WebhookRow): WebhookRecord => webhookFromColumns(r.workspace_id, r.segments, r);

export async function createWebhook(db: Db, w: WebhookRecord): Promise<void> {
  const d = w.delivery;
  const segments = w.segments === null ? null : db.json(w.segments);
  await db`
    insert into webhooks (workspace_id, id, url, segments, secret, created_at, cursor, failures, gone,
      next_attempt_at, last_error, disabled_at, disabled_reason)
    values (${w.workspaceId}, ${w.id}, ${w.url}, ${segments}, ${w.secret}, ${w.createdAt}, ${d.cursor},
      ${d.failures}, ${d.gone}, ${d.nextAttemptAt}, ${d.lastError}, ${d.disabledAt}, ${d.disabledReason})`;
}

export async function listWebhooks(db: Db, ws: string, id?: string): Promise<WebhookRecord[]> {
  const rows = await db<WebhookRow[]>`
    select workspace_id, id, url, segments, secret, created_at, cursor, failures, gone,
      next_attempt_at, last_error, disabled_at, disabled_reason
    from webhooks
    where workspace_id = ${ws} ${id === undefined ? db`` : db`and id = ${id}`}
    order by created_at, id`;
  return rows.map(toWebhook);
}

export async function deleteWebhook(db: Db, ws: string, id: string): Promise<boolean> {
  const result = await db`delete from webhooks where workspace_id = ${ws} and id = ${id}`;
  return result.count > 0;
}

export async function saveDelivery(
  db: Db,
  ws: string,
  id: string,
  d: WebhookDeliveryState,
): Promise<boolean> {
  const result = await db`
    update webhooks set cursor = greatest(cursor, ${d.cursor}), failures = ${d.failures}, gone = ${d.gone},
      next_attempt_at = ${d.nextAttemptAt}, last_error = ${d.lastError},
      disabled_at = ${d.disabledAt}, disabled_reason = ${d.disabledReason}
    where workspace_id = ${ws} and id = ${id}`;
  return result.count > 0;
}
