import type { ChangeKind, ChangeRecord } from "../records.ts";
import type { WriteBatch } from "../write-batch.ts";

/**
 * The values of the change log's runs (change-runs.ts). Since schema 4 a run is columns, with
 * its instant once and each segment's version once (a commit records all its changes at one
 * instant): about 17 bytes a change instead of 60 as a tuple each, and the change log was half
 * of what a commit wrote (docs/benchmarks.md). A run whose changes do not share those is written
 * as tuples, as schemas 2 and 3 wrote every run; both forms are read.
 */

export type Change = WriteBatch["changes"][number];

/** A run of the whole log as tuples: seqs are the key's seq, then consecutive. */
export type LogTuple = [
  segmentId: string,
  contactId: string,
  change: ChangeKind,
  at: number,
  version: number,
];
/** A run of one segment as tuples: its seqs are not consecutive. */
type SegmentTuple = [seq: number, contactId: string, change: ChangeKind, at: number, version: number];

/** A run of the whole log as columns: segment numbers into `s`, their versions `n`, the instant `a`. */
interface LogColumns {
  a: number;
  s: string[];
  n: number[];
  i: number[];
  c: string[];
  /** "1" entered, "0" exited, a character per change. */
  e: string;
}

/** A run of one segment as columns: `d` the seq steps from the key's seq (the first one 0). */
interface SegmentColumns {
  a: number;
  n: number;
  d: number[];
  c: string[];
  e: string;
}

const TUPLES = 0x5b; // "[": a run of tuples; columns are an object

const bit = (c: Change): string => (c.change === "entered" ? "1" : "0");
const kind = (e: string, k: number): ChangeKind => (e.charCodeAt(k) === 0x31 ? "entered" : "exited");

/** The value of the log's run holding changes[from, to), whose first seq is the key's. */
export function encodeLogRun(changes: readonly Change[], from: number, to: number): string {
  const at = changes[from].at;
  const run: LogColumns = { a: at, s: [], n: [], i: new Array(to - from), c: new Array(to - from), e: "" };
  const numberOf = new Map<string, number>();
  for (let k = from; k < to; k++) {
    const c = changes[k];
    let n = numberOf.get(c.segmentId);
    if (n === undefined) {
      n = run.s.push(c.segmentId) - 1;
      run.n.push(c.segmentVersion);
      numberOf.set(c.segmentId, n);
    }
    if (c.at !== at || run.n[n] !== c.segmentVersion) return logTuples(changes, from, to);
    run.i[k - from] = n;
    run.c[k - from] = c.contactId;
    run.e += bit(c);
  }
  return JSON.stringify(run);
}

function logTuples(changes: readonly Change[], from: number, to: number): string {
  const run: LogTuple[] = [];
  for (let k = from; k < to; k++) {
    const c = changes[k];
    run.push([c.segmentId, c.contactId, c.change, c.at, c.segmentVersion]);
  }
  return JSON.stringify(run);
}

export function decodeLogRun(firstSeq: number, text: string): ChangeRecord[] {
  if (text.charCodeAt(0) === TUPLES)
    return (JSON.parse(text) as LogTuple[]).map(([segmentId, contactId, change, at, segmentVersion], i) => ({
      seq: firstSeq + i,
      segmentId,
      contactId,
      change,
      at,
      segmentVersion,
    }));
  const run = JSON.parse(text) as LogColumns;
  return run.c.map((contactId, k) => ({
    seq: firstSeq + k,
    segmentId: run.s[run.i[k]],
    contactId,
    change: kind(run.e, k),
    at: run.a,
    segmentVersion: run.n[run.i[k]],
  }));
}

/**
 * The value of a segment's run holding the changes at `indices` (ascending) of a commit's
 * changes, whose first seq is `firstSeq`: the key's seq is that of the first index.
 */
export function encodeSegmentRun(
  changes: readonly Change[],
  firstSeq: number,
  indices: readonly number[],
): string {
  const first = changes[indices[0]];
  const run: SegmentColumns = {
    a: first.at,
    n: first.segmentVersion,
    d: new Array(indices.length),
    c: new Array(indices.length),
    e: "",
  };
  for (let k = 0; k < indices.length; k++) {
    const c = changes[indices[k]];
    if (c.at !== run.a || c.segmentVersion !== run.n) return segmentTuples(changes, firstSeq, indices);
    run.d[k] = k === 0 ? 0 : indices[k] - indices[k - 1];
    run.c[k] = c.contactId;
    run.e += bit(c);
  }
  return JSON.stringify(run);
}

function segmentTuples(changes: readonly Change[], firstSeq: number, indices: readonly number[]): string {
  return JSON.stringify(
    indices.map((i): SegmentTuple => {
      const c = changes[i];
      return [firstSeq + i, c.contactId, c.change, c.at, c.segmentVersion];
    }),
  );
}

/** A segment's run; `keySeq` is its key's seq (that of its first change). */
export function decodeSegmentRun(segmentId: string, keySeq: number, text: string): ChangeRecord[] {
  if (text.charCodeAt(0) === TUPLES)
    return (JSON.parse(text) as SegmentTuple[]).map(([seq, contactId, change, at, segmentVersion]) => ({
      seq,
      segmentId,
      contactId,
      change,
      at,
      segmentVersion,
    }));
  const run = JSON.parse(text) as SegmentColumns;
  let seq = keySeq;
  return run.c.map((contactId, k) => {
    seq += run.d[k];
    return { seq, segmentId, contactId, change: kind(run.e, k), at: run.a, segmentVersion: run.n };
  });
}
