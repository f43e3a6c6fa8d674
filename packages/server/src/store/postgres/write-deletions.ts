import type { WriteBatch } from "../write-batch.ts";
import type { Db, Write } from "./connect.ts";

/** The deletions of a batch. The change log keeps its rows: it is history, resumed from by seq. */
export function deletions(db: Db, b: WriteBatch): Write[] {
  const ws = b.workspaceId;
  const out: Write[] = [];
  const segments = b.deletedSegments;
  if (segments.length > 0) {
    out.push(
      db`delete from segments where workspace_id = ${ws} and id = any(${segments})`,
      db`delete from memberships where workspace_id = ${ws} and segment_id = any(${segments})`,
    );
  }
  const lists = b.deletedLists;
  if (lists.length > 0) {
    out.push(
      db`delete from lists where workspace_id = ${ws} and id = any(${lists})`,
      db`delete from list_members where workspace_id = ${ws} and list_id = any(${lists})`,
    );
  }
  const contacts = b.deletedContacts;
  if (contacts.length > 0) {
    out.push(
      db`delete from contacts where workspace_id = ${ws} and id = any(${contacts})`,
      db`delete from contact_traits where workspace_id = ${ws} and contact_id = any(${contacts})`,
      db`delete from contact_scores where workspace_id = ${ws} and contact_id = any(${contacts})`,
      db`delete from events where workspace_id = ${ws} and contact_id = any(${contacts})`,
      db`delete from list_members where workspace_id = ${ws} and contact_id = any(${contacts})`,
      // No index by contact (it would slow every membership change): one probe per segment.
      db`delete from memberships m using segments s
        where s.workspace_id = ${ws} and m.workspace_id = ${ws} and m.segment_id = s.id
          and m.contact_id = any(${contacts})`,
    );
  }
  return out;
}
