import type { ChangeKind } from "./records.ts";
import type { WriteBatch } from "./write-batch.ts";

/**
 * A write batch as it crosses to a commit thread: its three long lists (memberships, changes,
 * events) in columns, numbers in typed arrays, segment ids once each. Structured cloning writes
 * every property name of every object and rebuilds each object on the other side: for an expiry
 * wave's 1,000 exits (a membership and a change each) that cost 0.84 ms to serialize and 2.9 ms to
 * deserialize, against 0.39 and 0.46 ms packed (docs/benchmarks.md). `unpackBatch` gives back an
 * equal batch, so the adapters' checks still see every value as the pipeline wrote it.
 */
export interface PackedBatch {
  rest: Omit<WriteBatch, "memberships" | "changes" | "events">;
  /** The segment ids the `segment` columns point into. */
  segments: string[];
  memberships: { segment: Uint32Array; contact: string[]; member: Uint8Array; since: Float64Array };
  changes: {
    segment: Uint32Array;
    /**
     * Null when each change's contact is the membership's at the same position (the pipeline
     * writes a membership and its change together): the ids then cross once.
     */
    contact: string[] | null;
    /** 1 entered, 0 exited. */
    entered: Uint8Array;
    at: Float64Array;
    version: Float64Array;
  };
  events: { contact: string[]; event: string[]; timestamp: Float64Array; properties: unknown[] };
}

export function packBatch(b: WriteBatch): PackedBatch {
  const { memberships: m, changes: c, events: e, ...rest } = b;
  const segments: string[] = [];
  const numbers = new Map<string, number>();
  const numberOf = (id: string) => {
    let n = numbers.get(id);
    if (n === undefined) {
      n = segments.length;
      segments.push(id);
      numbers.set(id, n);
    }
    return n;
  };
  const memberships = {
    segment: new Uint32Array(m.length),
    contact: new Array<string>(m.length),
    member: new Uint8Array(m.length),
    since: new Float64Array(m.length),
  };
  for (let i = 0; i < m.length; i++) {
    const x = m[i];
    memberships.segment[i] = numberOf(x.segmentId);
    memberships.contact[i] = x.contactId;
    memberships.member[i] = x.member ? 1 : 0;
    memberships.since[i] = x.since;
  }
  const paired = c.length === m.length && c.every((x, i) => x.contactId === m[i].contactId);
  const changes = {
    segment: new Uint32Array(c.length),
    contact: paired ? null : new Array<string>(c.length),
    entered: new Uint8Array(c.length),
    at: new Float64Array(c.length),
    version: new Float64Array(c.length),
  };
  for (let i = 0; i < c.length; i++) {
    const x = c[i];
    changes.segment[i] = numberOf(x.segmentId);
    if (changes.contact !== null) changes.contact[i] = x.contactId;
    changes.entered[i] = kindBit(x.change);
    changes.at[i] = x.at;
    changes.version[i] = x.segmentVersion;
  }
  const events = {
    contact: new Array<string>(e.length),
    event: new Array<string>(e.length),
    timestamp: new Float64Array(e.length),
    properties: new Array<unknown>(e.length),
  };
  for (let i = 0; i < e.length; i++) {
    const x = e[i];
    events.contact[i] = x.contactId;
    events.event[i] = x.event;
    events.timestamp[i] = x.timestamp;
    events.properties[i] = x.properties;
  }
  return { rest, segments, memberships, changes, events };
}

/** A kind other than the two would be stored as one of them: refused, as the SQL stores' check refuses it. */
function kindBit(kind: ChangeKind): number {
  if (kind === "entered") return 1;
  if (kind === "exited") return 0;
  throw new TypeError(`a change must be "entered" or "exited", not ${JSON.stringify(kind)}`);
}

/** The typed arrays' buffers, to transfer instead of copy (the packed batch is not used after). */
export function packedBuffers(p: PackedBatch): ArrayBuffer[] {
  const arrays = [
    p.memberships.segment,
    p.memberships.member,
    p.memberships.since,
    p.changes.segment,
    p.changes.entered,
    p.changes.at,
    p.changes.version,
    p.events.timestamp,
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

export function unpackBatch(p: PackedBatch): WriteBatch {
  const { segments: ids, memberships: m, changes: c, events: e } = p;
  const memberships: WriteBatch["memberships"] = new Array(m.contact.length);
  for (let i = 0; i < memberships.length; i++) {
    memberships[i] = {
      segmentId: ids[m.segment[i]],
      contactId: m.contact[i],
      member: m.member[i] === 1,
      since: m.since[i],
    };
  }
  const changes: WriteBatch["changes"] = new Array(c.segment.length);
  for (let i = 0; i < changes.length; i++) {
    const change: ChangeKind = c.entered[i] === 1 ? "entered" : "exited";
    changes[i] = {
      segmentId: ids[c.segment[i]],
      contactId: (c.contact ?? m.contact)[i],
      change,
      at: c.at[i],
      segmentVersion: c.version[i],
    };
  }
  const events: WriteBatch["events"] = new Array(e.contact.length);
  for (let i = 0; i < events.length; i++) {
    events[i] = {
      contactId: e.contact[i],
      event: e.event[i],
      timestamp: e.timestamp[i],
      properties: e.properties[i] as Record<string, unknown>,
    };
  }
  return { ...p.rest, memberships, changes, events };
}
