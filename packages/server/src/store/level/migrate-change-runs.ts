import type { Change, LogTuple } from "./change-run-codec.ts";
import { changeRunEntries, RUN_MAX } from "./change-runs.ts";
import { type Db, writeDurably } from "./database.ts";
import { F, int, key, lastInt, parts, under } from "./keys.ts";
import type { Op } from "./overlay.ts";

/**
 * Schema 1 → 2: the change log's key per change (`F.change`, and `F.changeOfSegment` beside it)
 * becomes runs (change-runs.ts). Each step rewrites up to RUN_MAX changes of one workspace and
 * deletes their old keys in one durable batch, so a start interrupted here goes on where it stopped.
 */
export async function migrateChangeRuns(db: Db): Promise<void> {
  const range = under(key(F.change));
  for (;;) {
    const rows = await db.iterator({ gte: range.gte, lt: range.lt, limit: RUN_MAX }).all();
    if (rows.length === 0) return;
    const ws = parts(rows[0][0])[0];
    const ops: Op[] = [];
    let run: Change[] = [];
    let firstSeq = 0;
    const flush = () => {
      for (const [k, value] of changeRunEntries(ws, firstSeq, run)) ops.push({ type: "put", key: k, value });
      run = [];
    };
    for (const [k, v] of rows) {
      if (parts(k)[0] !== ws) break;
      const seq = lastInt(k);
      const [segmentId, contactId, change, at, segmentVersion] = JSON.parse(v) as LogTuple;
      // Runs hold consecutive seqs: a gap (none is ever made) would start a new one.
      if (run.length > 0 && seq !== firstSeq + run.length) flush();
      if (run.length === 0) firstSeq = seq;
      run.push({ segmentId, contactId, change, at, segmentVersion });
      ops.push(
        { type: "del", key: k },
        { type: "del", key: key(F.changeOfSegment, ws, segmentId, int(seq, "seq")) },
      );
    }
    flush();
    await writeDurably(db, ops);
  }
}
