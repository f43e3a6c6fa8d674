import type { WriteBatch } from "../write-batch.ts";
import type { Sql } from "./connect.ts";
import { definitionWrites } from "./write-definitions.ts";
import { deletions } from "./write-deletions.ts";
import { factWrites } from "./write-facts.ts";
import { appendChanges, membershipWrites } from "./write-memberships.ts";

export type SeqRange = { firstSeq: number; lastSeq: number };

/**
 * Applies a batch in one transaction. Its statements are issued together: postgres.js pipelines
 * them on the transaction's connection in order, so a commit costs about three round trips
 * (BEGIN, the statements, COMMIT) whatever the batch's size.
 */
export async function commitBatch(sql: Sql, b: WriteBatch): Promise<SeqRange | null> {
  assertWritable(b);
  return sql.begin(async (tx) => {
    // Deletions come after the other writes, as in the SQLite adapter: a batch's end state has
    // what it deletes gone, whatever else it wrote about it.
    const writes = [
      tx`insert into workspace_commits as w (workspace_id, commits) values (${b.workspaceId}, 1)
        on conflict (workspace_id) do update set commits = w.commits + 1`,
      ...definitionWrites(tx, b),
      ...factWrites(tx, b),
      ...membershipWrites(tx, b),
      ...deletions(tx, b),
    ];
    const seq = appendChanges(tx, b);
    // One Promise.all over every statement: a failure rejects it once, with no stray rejection.
    await Promise.all(seq ? [...writes, seq] : writes);
    if (!seq) return null;
    const [{ last_seq }] = await seq;
    return { firstSeq: last_seq - b.changes.length + 1, lastSeq: last_seq };
  });
}

/** What the statements cannot catch themselves, refused before anything is sent. */
function assertWritable(b: WriteBatch): void {
  // A batch is one workspace's unit of work; a record of another is a caller's bug.
  for (const r of [...b.segments, ...b.lists]) {
    if (r.workspaceId !== b.workspaceId) throw new Error(`${r.id} belongs to another workspace`);
  }
  // JSON would silently drop such a value (or write null), turning it into a removal.
  for (const t of b.traits) {
    if (t.value === undefined || typeof t.value === "function" || typeof t.value === "symbol") {
      throw new TypeError(`trait ${t.key} of ${t.contactId} cannot be stored as JSON (null removes)`);
    }
  }
}
