import { toJson } from "../json.ts";
import type { IdempotencyRecord, StoredResponse } from "../store.ts";
import { decodeRecord, integer } from "./codec.ts";
import { type Db, writeDurably } from "./database.ts";
import { F, int, key, parts, through } from "./keys.ts";
import type { Op } from "./overlay.ts";

// Records by key, and an index by expiry (workspace, expiresAt, key) so that purging the
// expired ones reads only those. Both are written together in every change.

const recordKey = (ws: string, k: string) => key(F.idempotency, ws, k);
const expiryKey = (r: { workspaceId: string; expiresAt: number; key: string }) =>
  key(F.idempotencyExpiry, r.workspaceId, int(r.expiresAt, "expiresAt"), r.key);

/** See `Store.claimIdempotency`; the caller runs it in the store's write queue. */
export async function claim(
  db: Db,
  c: Omit<IdempotencyRecord, "response">,
  now: number,
  staleBefore: number,
): Promise<IdempotencyRecord | null> {
  integer(c.createdAt, "createdAt");
  const ops: Op[] = [];
  // The workspace's expired records, by the index.
  const expired = await db
    .keys({
      gte: key(F.idempotencyExpiry, c.workspaceId),
      lt: through(key(F.idempotencyExpiry, c.workspaceId, int(now, "now"))),
    })
    .all();
  const gone = new Set<string>();
  for (const k of expired) {
    const name = parts(k)[2];
    gone.add(name);
    ops.push({ type: "del", key: k }, { type: "del", key: recordKey(c.workspaceId, name) });
  }
  const text = gone.has(c.key) ? undefined : await db.get(recordKey(c.workspaceId, c.key));
  const held = text === undefined ? undefined : decodeRecord<IdempotencyRecord>(text);
  // Still in flight but created before `staleBefore`: its process died; the key is free again.
  const stale = held !== undefined && held.response === null && held.createdAt < staleBefore;
  if (held !== undefined && !stale) {
    await writeDurably(db, ops);
    return held;
  }
  if (held !== undefined) ops.push({ type: "del", key: expiryKey(held) });
  const record: IdempotencyRecord = { ...c, response: null };
  ops.push(
    { type: "put", key: recordKey(c.workspaceId, c.key), value: toJson(record, "idempotency record") },
    { type: "put", key: expiryKey(record), value: "" },
  );
  await writeDurably(db, ops);
  return null;
}

/** See `Store.saveIdempotency`: only an in-flight record takes a response or is released. */
export async function save(db: Db, ws: string, k: string, response: StoredResponse | null): Promise<void> {
  const text = await db.get(recordKey(ws, k));
  if (text === undefined) return;
  const record = decodeRecord<IdempotencyRecord>(text);
  if (record.response !== null) return;
  if (response === null) {
    await writeDurably(db, [
      { type: "del", key: recordKey(ws, k) },
      { type: "del", key: expiryKey(record) },
    ]);
    return;
  }
  const saved: IdempotencyRecord = { ...record, response };
  await writeDurably(db, [
    { type: "put", key: recordKey(ws, k), value: toJson(saved, "idempotency record") },
  ]);
}
