import { type IdempotencyColumns, idempotencyFromColumns } from "../idempotency-columns.ts";
import type { IdempotencyRecord, StoredResponse } from "../store.ts";
import type { StatementCache } from "./statement-cache.ts";

/**
 * Schema step 3. A rowid table, unlike the others: a row holds a whole response body, too big
 * for WITHOUT ROWID's B-tree cells. status NULL: the request is still in flight.
 */
export const idempotencySchema = `
CREATE TABLE idempotency_keys (
  ws TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  status INTEGER,
  content_type TEXT,
  body TEXT,
  PRIMARY KEY (ws, key)
) STRICT;
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (ws, expires_at);
`;

interface Row extends IdempotencyColumns {
  ws: string;
}

// Two statements, each on an index: the workspace's expired records, and this key's own
// abandoned claim.
const purgeExpired = "DELETE FROM idempotency_keys WHERE ws = ? AND expires_at <= ?";
const purgeStale = `DELETE FROM idempotency_keys
  WHERE ws = ? AND key = ? AND status IS NULL AND created_at < ?`;
const insert = `INSERT INTO idempotency_keys (ws, key, fingerprint, created_at, expires_at)
  VALUES (?, ?, ?, ?, ?) ON CONFLICT (ws, key) DO NOTHING`;
const select = `SELECT ws, key, fingerprint, created_at, expires_at, status, content_type, body
  FROM idempotency_keys WHERE ws = ? AND key = ?`;

function fromRow(r: Row): IdempotencyRecord {
  return idempotencyFromColumns(r.ws, r);
}

// Each statement is atomic on its own, so two connections racing for a key cannot both insert:
// the loser reads the winner's record.
export function claimIdempotency(
  s: StatementCache,
  c: Omit<IdempotencyRecord, "response">,
  now: number,
  staleBefore: number,
): IdempotencyRecord | null {
  s.get<[string, number]>(purgeExpired).run(c.workspaceId, now);
  s.get<[string, string, number]>(purgeStale).run(c.workspaceId, c.key, staleBefore);
  const inserted = s
    .get<[string, string, string, number, number]>(insert)
    .run(c.workspaceId, c.key, c.fingerprint, c.createdAt, c.expiresAt);
  if (inserted.changes > 0) return null;
  const row = s.get<[string, string], Row>(select).get(c.workspaceId, c.key);
  // Gone between the two statements (its holder released it): claim again.
  return row === undefined ? claimIdempotency(s, c, now, staleBefore) : fromRow(row);
}

export function saveIdempotency(
  s: StatementCache,
  ws: string,
  key: string,
  response: StoredResponse | null,
): void {
  if (response === null) {
    s.get<[string, string]>("DELETE FROM idempotency_keys WHERE ws = ? AND key = ? AND status IS NULL").run(
      ws,
      key,
    );
    return;
  }
  s.get<[number, string | null, string, string, string]>(
    `UPDATE idempotency_keys SET status = ?, content_type = ?, body = ?
     WHERE ws = ? AND key = ? AND status IS NULL`,
  ).run(response.status, response.contentType, response.body, ws, key);
}
