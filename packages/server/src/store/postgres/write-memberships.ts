import type postgres from "postgres";
import type { WriteBatch } from "../write-batch.ts";
import { type Db, jsonRows, type Write } from "./connect.ts";
import { lastByKey, pairKey } from "./dedupe.ts";

/** Current memberships (the batch's last word per segment and contact) and processed message ids. */
export function membershipWrites(db: Db, b: WriteBatch): Write[] {
  const ws = b.workspaceId;
  const edits = lastByKey(b.memberships, (m) => pairKey(m.segmentId, m.contactId));
  const removed = edits.filter((m) => !m.member);
  const added = edits.filter((m) => m.member);
  const out: Write[] = [];
  if (removed.length > 0) {
    out.push(db`
      delete from memberships m
      using jsonb_to_recordset(${jsonRows(db, removed)}) as x("segmentId" text, "contactId" text)
      where m.workspace_id = ${ws} and m.segment_id = x."segmentId" and m.contact_id = x."contactId"`);
  }
  if (added.length > 0) {
    out.push(db`
      insert into memberships (workspace_id, segment_id, contact_id, since)
      select ${ws}, x."segmentId", x."contactId", x.since
      from jsonb_to_recordset(${jsonRows(db, added)}) as x("segmentId" text, "contactId" text, since bigint)
      on conflict (workspace_id, segment_id, contact_id) do update set since = excluded.since`);
  }
  if (b.messageIds.length > 0) {
    out.push(db`
      insert into processed_messages (workspace_id, message_id)
      select ${ws}, unnest(${b.messageIds}::text[])
      on conflict do nothing`);
  }
  return out;
}

/**
 * Appends the changes with consecutive seq numbers, in batch order. The workspace_seq row stays
 * locked until commit, so commits of one workspace take their ranges in commit order; run it
 * last in the transaction to hold that lock as briefly as possible.
 */
export function appendChanges(db: Db, b: WriteBatch): postgres.PendingQuery<{ last_seq: number }[]> | null {
  const n = b.changes.length;
  if (n === 0) return null;
  return db<{ last_seq: number }[]>`
    with seq as (
      insert into workspace_seq as w (workspace_id, last_seq) values (${b.workspaceId}, ${n})
      on conflict (workspace_id) do update set last_seq = w.last_seq + excluded.last_seq
      returning last_seq
    ), appended as (
      insert into changes (workspace_id, seq, segment_id, contact_id, change, at, segment_version)
      select ${b.workspaceId}, seq.last_seq - ${n} + x.o, x.segment_id, x.contact_id, x.change, x.at,
        x.segment_version
      from seq, rows from (jsonb_to_recordset(${jsonRows(db, b.changes)})
        as ("segmentId" text, "contactId" text, change text, at bigint, "segmentVersion" integer))
        with ordinality as x(segment_id, contact_id, change, at, segment_version, o)
    )
    select last_seq from seq`;
}
