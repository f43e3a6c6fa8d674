import { type IdempotencyColumns, idempotencyFromColumns } from "../idempotency-columns.ts";
import type { IdempotencyRecord, StoredResponse } from "../store.ts";
import type { Db } from "./connect.ts";

/** Migration 3. status null: the request is still in flight. */
export const idempotencySchema = `
create table idempotency_keys (
  workspace_id text collate "C" not null, key text collate "C" not null,
  fingerprint text not null, created_at bigint not null, expires_at bigint not null,
  status integer, content_type text, body text,
  primary key (workspace_id, key)
);
create index idempotency_keys_by_expiry on idempotency_keys (workspace_id, expires_at);
`;

interface Row extends IdempotencyColumns {
  workspace_id: string;
}

function fromRow(r: Row): IdempotencyRecord {
  return idempotencyFromColumns(r.workspace_id, r);
}

// No transaction: the insert is atomic against a racing one (the loser reads the winner's
// record), and the purge only removes what no request may use any more.
export async function claimIdempotency(
  db: Db,
  c: Omit<IdempotencyRecord, "response">,
  now: number,
  staleBefore: number,
): Promise<IdempotencyRecord | null> {
  for (;;) {
    // Each on an index: the workspace's expired records, and this key's own abandoned claim.
    await db`delete from idempotency_keys where workspace_id = ${c.workspaceId} and expires_at <= ${now}`;
    await db`delete from idempotency_keys where workspace_id = ${c.workspaceId} and key = ${c.key}
      and status is null and created_at < ${staleBefore}`;
    const inserted = await db`
      insert into idempotency_keys (workspace_id, key, fingerprint, created_at, expires_at)
      values (${c.workspaceId}, ${c.key}, ${c.fingerprint}, ${c.createdAt}, ${c.expiresAt})
      on conflict (workspace_id, key) do nothing`;
    if (inserted.count > 0) return null;
    const [row] = await db<Row[]>`
      select workspace_id, key, fingerprint, created_at, expires_at, status, content_type, body
      from idempotency_keys where workspace_id = ${c.workspaceId} and key = ${c.key}`;
    // Gone between the two statements (its holder released it): claim again.
    if (row !== undefined) return fromRow(row);
  }
}

export async function saveIdempotency(
  db: Db,
  ws: string,
  key: string,
  response: StoredResponse | null,
): Promise<void> {
  if (response === null) {
    await db`delete from idempotency_keys where workspace_id = ${ws} and key = ${key} and status is null`;
    return;
  }
  await db`update idempotency_keys
    set status = ${response.status}, content_type = ${response.contentType}, body = ${response.body}
    where workspace_id = ${ws} and key = ${key} and status is null`;
}
