import type { WriteBatch } from "../write-batch.ts";
import { changeRunEntries } from "./change-runs.ts";
import {
  encodeEvent,
  encodeList,
  encodeScore,
  encodeSegment,
  encodeTrait,
  integer,
  traitTs,
} from "./codec.ts";
import { type Db, keysUnder } from "./database.ts";
import { F, int, key, parts, through } from "./keys.ts";
import { type Op, Overlay } from "./overlay.ts";

/** What a batch needs to know before it is built, and leaves behind once written. */
export interface Counters {
  lastSeq: number;
  commits: number;
  /** The last event arrival number of the whole database (orders events of equal timestamps). */
  events: number;
  /** No stored trait or score of the workspace has a later timestamp (-Infinity: none stored). */
  factsUpTo: number;
}

/**
 * Builds a batch's writes, reading what last-writer-wins and deletions need. Nothing is written
 * here: the caller writes `overlay.ops()` in one atomic, fsynced LevelDB batch, then keeps
 * `counters`. Order as in the SQL stores: definitions, facts, memberships, changes, deletions.
 */
export async function buildBatch(
  db: Db,
  b: WriteBatch,
  before: Counters,
): Promise<{ ops: Op[]; counters: Counters; range: { firstSeq: number; lastSeq: number } | null }> {
  const ws = b.workspaceId;
  const o = new Overlay();
  const counters = { ...before, commits: before.commits + 1 };
  for (const s of b.segments) {
    if (s.workspaceId !== ws) throw new Error(`segment ${s.id} belongs to another workspace`);
    o.put(key(F.segment, ws, s.id), encodeSegment(s));
  }
  for (const l of b.lists) {
    if (l.workspaceId !== ws) throw new Error(`list ${l.id} belongs to another workspace`);
    o.put(key(F.list, ws, l.id), encodeList(l));
  }
  for (const id of b.messageIds) o.append(key(F.message, ws, id), "");
  await writeContacts(db, b, o);
  const latest = (k: string, ts: number, text: () => string) => ({ k, ts, text });
  counters.factsUpTo = await writeLatest(db, o, before.factsUpTo, [
    ...b.traits.map((t) =>
      latest(key(F.trait, ws, t.contactId, t.key), t.ts, () => encodeTrait(t.value, t.ts)),
    ),
    ...b.scores.map((s) =>
      latest(key(F.score, ws, s.contactId, s.score), s.ts, () => encodeScore(s.value, s.ts)),
    ),
  ]);
  for (const e of b.events) {
    const value = encodeEvent(e.event, e.properties);
    counters.events += 1;
    o.append(
      key(
        F.event,
        ws,
        e.contactId,
        int(e.timestamp, "an event's timestamp"),
        int(counters.events, "arrival"),
      ),
      value,
    );
  }
  for (const m of b.listMembers) {
    const byContact = key(F.listOfContact, ws, m.contactId, m.listId);
    const byList = key(F.contactOfList, ws, m.listId, m.contactId);
    if (m.member) {
      o.put(byContact, "");
      o.put(byList, "");
    } else {
      o.del(byContact);
      o.del(byList);
    }
  }
  for (const m of b.memberships) {
    const k = key(F.membership, ws, m.segmentId, m.contactId);
    if (m.member) o.put(k, String(integer(m.since, "a membership's since")));
    else o.del(k);
  }
  let range: { firstSeq: number; lastSeq: number } | null = null;
  if (b.changes.length > 0) {
    const firstSeq = counters.lastSeq + 1;
    for (const [k, v] of changeRunEntries(ws, firstSeq, b.changes)) o.append(k, v);
    counters.lastSeq += b.changes.length;
    range = { firstSeq, lastSeq: counters.lastSeq };
    o.put(key(F.lastSeq, ws), String(counters.lastSeq));
  }
  o.put(key(F.commits, ws), String(counters.commits));
  if (counters.factsUpTo !== before.factsUpTo) o.put(key(F.factsUpTo, ws), String(counters.factsUpTo));
  if (counters.events !== before.events) o.put(key(F.meta, "events"), String(counters.events));
  await deleteContacts(db, b, o);
  await deletePrefixed(
    db,
    o,
    b.deletedSegments.map((id) => ({ own: key(F.segment, ws, id), under: key(F.membership, ws, id) })),
  );
  await deleteLists(db, b, o);
  return { ops: o.ops(), counters, range };
}

/** Contacts are created if absent: an existing one (or one earlier in the batch) keeps its createdAt. */
async function writeContacts(db: Db, b: WriteBatch, o: Overlay): Promise<void> {
  if (b.contacts.length === 0) return;
  const keys = b.contacts.map((c) => key(F.contact, b.workspaceId, c.id));
  const stored = await db.getMany(keys);
  for (const [i, c] of b.contacts.entries()) {
    const createdAt = String(integer(c.createdAt, "a contact's createdAt"));
    if (stored[i] === undefined && o.get(keys[i]) == null) o.put(keys[i], createdAt);
  }
}

/**
 * Last writer wins by timestamp; on a tie the later write (in the batch, or a later batch).
 * Every stored fact is at or before `upTo`, so only a key with a write before it is read: in
 * live traffic, stamped as it happens, that is none. Returns the new `upTo`.
 */
async function writeLatest(
  db: Db,
  o: Overlay,
  upTo: number,
  writes: { k: string; ts: number; text: () => string }[],
): Promise<number> {
  if (writes.length === 0) return upTo;
  const distinct = [...new Set(writes.filter((w) => !(w.ts >= upTo)).map((w) => w.k))];
  const stored = distinct.length === 0 ? [] : await db.getMany(distinct);
  const current = new Map<string, number>();
  for (const [i, k] of distinct.entries()) {
    const text = stored[i];
    if (text !== undefined) current.set(k, traitTs(text));
  }
  let latest = upTo;
  for (const w of writes) {
    integer(w.ts, "a timestamp");
    const text = w.text();
    latest = Math.max(latest, w.ts);
    const ts = current.get(w.k);
    if (ts !== undefined && w.ts < ts) continue;
    current.set(w.k, w.ts);
    o.put(w.k, text);
  }
  return latest;
}

/** A deleted contact loses its facts, list and segment memberships; its change-log rows stay. */
async function deleteContacts(db: Db, b: WriteBatch, o: Overlay): Promise<void> {
  const ws = b.workspaceId;
  if (b.deletedContacts.length === 0) return;
  const segments = new Set([
    ...(await keysUnder(db, key(F.segment, ws))).map((k) => parts(k)[1]),
    ...b.segments.map((s) => s.id),
    ...b.memberships.map((m) => m.segmentId),
  ]);
  for (const id of b.deletedContacts) {
    for (const list of await listsOf(db, o, ws, id)) o.del(key(F.contactOfList, ws, list, id));
    await deletePrefixed(db, o, [
      { own: key(F.contact, ws, id), under: key(F.trait, ws, id) },
      { under: key(F.score, ws, id) },
      { under: key(F.event, ws, id) },
      { under: key(F.listOfContact, ws, id) },
    ]);
    for (const s of segments) o.del(key(F.membership, ws, s, id));
  }
}

async function listsOf(db: Db, o: Overlay, ws: string, contactId: string): Promise<string[]> {
  const prefix = key(F.listOfContact, ws, contactId);
  const keys = [...(await keysUnder(db, prefix)), ...o.keysIn(prefix, through(prefix))];
  return [...new Set(keys.map((k) => parts(k)[2]))];
}

async function deleteLists(db: Db, b: WriteBatch, o: Overlay): Promise<void> {
  const ws = b.workspaceId;
  for (const id of b.deletedLists) {
    const prefix = key(F.contactOfList, ws, id);
    const members = [...(await keysUnder(db, prefix)), ...o.keysIn(prefix, through(prefix))];
    for (const k of members) o.del(key(F.listOfContact, ws, parts(k)[2], id));
    await deletePrefixed(db, o, [{ own: key(F.list, ws, id), under: prefix }]);
  }
}

/** Deletes `own` and every key under `under`, stored or written earlier in the batch. */
async function deletePrefixed(db: Db, o: Overlay, targets: { own?: string; under: string }[]): Promise<void> {
  for (const t of targets) {
    if (t.own !== undefined) o.del(t.own);
    for (const k of await keysUnder(db, t.under)) o.del(k);
    o.delRange(t.under, through(t.under));
  }
}
