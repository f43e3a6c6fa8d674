import type { ChangeRecord } from "../records.ts";
import {
  type Change,
  decodeLogRun,
  decodeSegmentRun,
  encodeLogRun,
  encodeSegmentRun,
} from "./change-run-codec.ts";
import { integer } from "./codec.ts";
import { type Db, entriesBetween } from "./database.ts";
import { extend, F, int, key, lastInt, under } from "./keys.ts";

/**
 * The change log as runs: a commit's changes are one value under the seq of its first change
 * (`F.changeRun`), and each segment's share of them one value under the seq of its first one
 * (`F.segmentChangeRun`). A commit then writes one key, plus one per segment it changed,
 * instead of two per change: an expiry wave of 1,000 exits from one segment is 2 writes, not
 * 2,000. Rows are never rewritten (no deletion touches the change log), so a run stays as written.
 */

/** Changes per run at most, so that a read after any seq decodes a bounded value. */
export const RUN_MAX = 2048;

function checked(c: Change): Change {
  if (c.change !== "entered" && c.change !== "exited") throw new TypeError(`unknown change kind ${c.change}`);
  integer(c.at, "a change's at");
  integer(c.segmentVersion, "a change's segment version");
  return c;
}

/** The [key, value] pairs that record `changes`, numbered from `firstSeq`, in ascending key order per family. */
export function changeRunEntries(
  ws: string,
  firstSeq: number,
  changes: readonly Change[],
): [string, string][] {
  const out: [string, string][] = [];
  // Each segment's changes, by index into `changes`.
  const bySegment = new Map<string, number[]>();
  for (let from = 0; from < changes.length; from += RUN_MAX) {
    const to = Math.min(changes.length, from + RUN_MAX);
    for (let i = from; i < to; i++) {
      const c = checked(changes[i]);
      const own = bySegment.get(c.segmentId);
      if (own === undefined) bySegment.set(c.segmentId, [i]);
      else own.push(i);
    }
    out.push([key(F.changeRun, ws, int(firstSeq + from, "seq")), encodeLogRun(changes, from, to)]);
  }
  for (const [segmentId, indices] of bySegment) {
    for (let from = 0; from < indices.length; from += RUN_MAX) {
      const run = indices.slice(from, from + RUN_MAX);
      out.push([
        key(F.segmentChangeRun, ws, segmentId, int(firstSeq + run[0], "seq")),
        encodeSegmentRun(changes, firstSeq, run),
      ]);
    }
  }
  return out;
}

/**
 * Up to `limit` changes with a seq above `afterSeq`, in seq order: of the workspace, or of one
 * segment. The first run read is the last one starting at or before `afterSeq + 1`.
 */
export async function readChanges(
  db: Db,
  ws: string,
  afterSeq: number,
  limit: number,
  segmentId?: string,
): Promise<ChangeRecord[]> {
  const prefix = segmentId === undefined ? key(F.changeRun, ws) : key(F.segmentChangeRun, ws, segmentId);
  const decode = (k: string, v: string) =>
    segmentId === undefined ? decodeLogRun(lastInt(k), v) : decodeSegmentRun(segmentId, lastInt(k), v);
  const range = under(prefix);
  const next = extend(prefix, int(Math.max(0, afterSeq + 1), "afterSeq"));
  const [holding] = await db.keys({ gte: range.gte, lte: next, reverse: true, limit: 1 }).all();
  const out: ChangeRecord[] = [];
  const it = db.iterator({ gte: holding ?? range.gte, lt: range.lt });
  try {
    while (out.length < limit) {
      // A run holds up to RUN_MAX changes: a few runs usually fill a page.
      const entries = await it.nextv(Math.max(1, Math.min(64, Math.ceil(limit / 16))));
      if (entries.length === 0) break;
      for (const [k, v] of entries) {
        for (const c of decode(k, v)) {
          if (c.seq <= afterSeq) continue;
          out.push(c);
          if (out.length === limit) return out;
        }
      }
    }
    return out;
  } finally {
    await it.close();
  }
}

/** Every change of one segment, in seq order (as-of reads). */
export async function segmentChanges(db: Db, ws: string, segmentId: string): Promise<ChangeRecord[]> {
  const range = under(key(F.segmentChangeRun, ws, segmentId));
  const rows = await entriesBetween(db, range.gte, range.lt);
  return rows.flatMap(([k, v]) => decodeSegmentRun(segmentId, lastInt(k), v));
}
