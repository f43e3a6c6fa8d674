import {
  type ColumnarDataset,
  type ContactState,
  canonicalJson,
  datasetFromPlain,
  datasetToPlain,
  type SegmentEngine,
  type StateExtras,
} from "@growthos/segments-core";
import { restoredHost } from "./contact-memo.ts";
import { FrameReader, FrameWriter } from "./snapshot-file.ts";

/**
 * A workspace runtime's derived state on disk, written when the service stops cleanly so that
 * the next start loads it instead of rebuilding every state from the stored facts. It is used
 * only if nothing was committed since (the store's commit count), the segments are the same
 * (ids, versions, statuses, rules) and so is the state layout; otherwise the start rebuilds.
 *
 * Frames: the header, the contacts in chunks (each state's values, its doubles and the host's
 * numbers packed into one typed array per chunk: a few large objects serialize far faster than
 * millions of small ones), then the preview dataset.
 */
const FORMAT = 1;
const CHUNK = 10_000;

export interface SnapshotKey {
  workspaceId: string;
  /** The store's commit count when the snapshot was taken. */
  commits: number;
  /** `segmentsKey` of the workspace's segments. */
  segments: string;
  /** The engine's state layout signature. */
  layout: string;
}

interface Header extends SnapshotKey {
  format: number;
  /** Segment ids by ordinal: the host arrays refer to segments by these numbers. */
  ordinals: string[];
  contacts: number;
}

interface ContactChunk {
  ids: string[];
  /** Each state's `v` without its last slot (the doubles). */
  values: unknown[][];
  doubles: Float64Array;
  doubleEnds: Uint32Array;
  host: Float64Array;
  hostEnds: Uint32Array;
  extras: [number, StateExtras][];
}

export interface RuntimeImage {
  ordinals: string[];
  states: ContactState[];
  dataset: ColumnarDataset;
}

/** What a snapshot is written from: a live runtime's states, as they are held. */
export interface RuntimeContents {
  ordinals: string[];
  states: Iterable<ContactState>;
  count: number;
  dataset: ColumnarDataset;
}

/** What must not have changed for a snapshot to apply: every segment's id, version, status and rule. */
export function segmentsKey(
  segments: readonly { id: string; version: number; status: string; rule: unknown }[],
) {
  const rows = [...segments]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((s) => [s.id, s.version, s.status, s.rule]);
  return canonicalJson(rows);
}

export function writeSnapshot(path: string, key: SnapshotKey, image: RuntimeContents): void {
  const out = new FrameWriter(path);
  try {
    const header: Header = { ...key, format: FORMAT, ordinals: image.ordinals, contacts: image.count };
    out.write(header);
    let chunk: ContactState[] = [];
    for (const s of image.states) {
      chunk.push(s);
      if (chunk.length === CHUNK) {
        out.write(encodeChunk(chunk));
        chunk = [];
      }
    }
    if (chunk.length > 0) out.write(encodeChunk(chunk));
    out.write(datasetToPlain(image.dataset));
    out.finish();
  } catch (e) {
    out.abandon();
    throw e;
  }
}

/**
 * The snapshot's runtime image if it matches `expected`, or why it does not (no file, another
 * commit count, other segments or layout). States are created by `engine`. Throws on a damaged file.
 */
export function readSnapshot(
  path: string,
  expected: SnapshotKey,
  engine: SegmentEngine,
): RuntimeImage | string {
  let input: FrameReader;
  try {
    input = new FrameReader(path);
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return "no snapshot";
    throw e;
  }
  try {
    const h = input.read() as Header;
    if (h.format !== FORMAT) return `snapshot format ${h.format}`;
    for (const k of ["workspaceId", "commits", "segments", "layout"] as const) {
      if (h[k] !== expected[k]) return `the snapshot's ${k} differs from the store's`;
    }
    // One string object per distinct value, shared by the states and the dataset, as when built live.
    const strings = new Map<string, string>();
    const intern = (x: string): string => {
      const known = strings.get(x);
      if (known !== undefined) return known;
      strings.set(x, x);
      return x;
    };
    const states: ContactState[] = [];
    while (states.length < h.contacts) {
      for (const s of decodeChunk(input.read() as ContactChunk, engine, intern)) states.push(s);
    }
    const dataset = datasetFromPlain(input.read(), intern);
    return { ordinals: h.ordinals, states, dataset };
  } finally {
    input.close();
  }
}

function encodeChunk(states: readonly ContactState[]): ContactChunk {
  let doubles = 0;
  let host = 0;
  for (const s of states) {
    doubles += s.d.length;
    host += s.host.length;
  }
  const c: ContactChunk = {
    ids: [],
    values: [],
    doubles: new Float64Array(doubles),
    doubleEnds: new Uint32Array(states.length),
    host: new Float64Array(host),
    hostEnds: new Uint32Array(states.length),
    extras: [],
  };
  let d = 0;
  let h = 0;
  for (const [i, s] of states.entries()) {
    c.ids.push(s.id);
    c.values.push(s.v.slice(0, s.layout.at.doublesAt));
    c.doubles.set(s.d, d);
    d += s.d.length;
    c.doubleEnds[i] = d;
    c.host.set(s.host, h);
    h += s.host.length;
    c.hostEnds[i] = h;
    if (s.x !== undefined) c.extras.push([i, s.x]);
  }
  return c;
}

function decodeChunk(c: ContactChunk, engine: SegmentEngine, intern: (s: string) => string): ContactState[] {
  const out: ContactState[] = [];
  const extras = new Map(c.extras);
  let d = 0;
  let h = 0;
  for (const [i, id] of c.ids.entries()) {
    const s = engine.createState(intern(id));
    const values = c.values[i];
    // Only what differs from the template: a deserialized NaN is a new box each time, the
    // template's is shared by every state.
    for (let k = 0; k < values.length; k++) {
      const x = values[k];
      if (!Object.is(x, s.v[k])) s.v[k] = typeof x === "string" ? intern(x) : x;
    }
    s.d = doublesOf(c.doubles, d, c.doubleEnds[i]);
    d = c.doubleEnds[i];
    if (c.hostEnds[i] > h) s.host = restoredHost(doublesOf(c.host, h, c.hostEnds[i]));
    h = c.hostEnds[i];
    s.x = extras.get(i);
    out.push(s);
  }
  return out;
}

/** An array of unboxed doubles of exactly `to - from` elements, as the engine allocates them. */
function doublesOf(from: Float64Array, start: number, end: number): number[] {
  const out = new Array<number>(end - start).fill(0.5);
  for (let k = start; k < end; k++) out[k - start] = from[k];
  return out;
}
