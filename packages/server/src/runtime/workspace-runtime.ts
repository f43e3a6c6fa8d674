import {
  ColumnarDataset,
  type ContactMessage,
  type ContactState,
  type DataChange,
  DependencyIndex,
  type MembershipVisitor,
  SegmentEngine,
} from "@growthos/segments-core";
import type { SegmentRecord, StoredContact } from "../store/records.ts";
import type { WriteBatch } from "../store/write-batch.ts";
import {
  clearMembers,
  dueKnown,
  dueStamp,
  duesInto,
  earliestDue,
  forgetDues,
  isMember,
  memberOrdinals,
  setDues,
  setMember,
} from "./contact-memo.ts";
import type { IngestMessage } from "./ingest-message.ts";
import type { RuntimeContents, RuntimeImage } from "./runtime-snapshot.ts";
import { SegmentOrdinals } from "./segment-ordinals.ts";
import { applyStored, stateFromStored } from "./state-from-stored.ts";
import { TimerQueue } from "./timer-queue.ts";

/**
 * States built beside the live ones for an engine that reads more facts (a new or edited segment),
 * while ingestion goes on: each contact is read from the store once (`backfillChunk`), and every
 * message applied after that read is applied to its side state too, so none is missed or doubled.
 */
interface Backfill {
  engine: SegmentEngine;
  states: Map<string, ContactState>;
}

/** A contact an `ingest` call touches: its state, its row (timers, dataset) and what changed in it. */
interface Touched {
  state: ContactState;
  row: number;
  changes: DataChange[];
}

/**
 * A due contact evaluated ahead of its instant (`stageDue`): the results of its due segments at
 * that instant, [segment number, member 1/0, next change or NaN, …], good while the contact's
 * state, its host's stamp (changed by every pass) and the engine are the ones it was computed on.
 */
interface StagedPass {
  state: ContactState;
  stamp: number;
  engine: SegmentEngine;
  results: number[];
}

/**
 * The live side of one workspace: every contact's evaluation state and memberships in memory,
 * kept equal to the rules applied to the stored facts as of now. It never does I/O: it applies
 * messages and timer firings to memory and describes the matching durable writes in a batch,
 * which the pipeline commits.
 */
export class WorkspaceRuntime {
  /**
   * Every contact's engine state; its `host` array holds the segments it is in (their `since` is
   * in the store) and its time-dependent segments' next changes (see contact-memo.ts).
   */
  readonly contacts = new Map<string, ContactState>();
  /**
   * Each contact's next due instant, by its row in `dataset` (no map by id of its own); one
   * staged ahead carries its evaluation at that instant.
   */
  readonly timers = new TimerQueue<StagedPass>();
  /** Timer firings that took a staged pass, and those that had to evaluate (diagnostics). */
  readonly fired = { staged: 0, evaluated: 0 };
  /** Every contact's facts as columns, kept in step with the states: previews scan it. */
  dataset: ColumnarDataset;
  private engine: SegmentEngine;
  private index: DependencyIndex;
  private live = new Map<string, SegmentRecord>();
  /** Every installed segment's version (paused ones too: their members can still exit on delete). */
  private versions = new Map<string, number>();
  private timeDependent: Set<string> = new Set();
  private backfill: Backfill | undefined;
  private readonly ordinals = new SegmentOrdinals();
  /**
   * By segment number: the live segment, and whether it is time-dependent (no id lookups per
   * pass). Built on first use after `setSegments`: numbers are only taken when used, so that a
   * snapshot's numbering can still be restored into a fresh runtime.
   */
  private numbered: { live: (SegmentRecord | undefined)[]; timeDependent: boolean[] } | undefined;
  /** By the engine's index of each segment (see `ordinalAt`): its number, for that engine. */
  private indexOrdinals: { engine: SegmentEngine; ordinal: number[] } | undefined;
  /** By segment number: the pass that last evaluated it (`pass` counts passes). */
  private readonly evaluatedIn: number[] = [];
  private pass = 0;
  /** The contact, instant and batch of the `reevaluateState` pass under way (see `visitPass`). */
  private passState: ContactState | undefined;
  private passNow = 0;
  private passBatch: WriteBatch | undefined;
  /** That pass's new next changes, [segment number, instant, …], `freshCount` numbers long. */
  private readonly fresh: number[] = [];
  private freshCount = 0;
  /** A contact's next changes as pairs, written by `nextChanges` and `segmentsDue` (reused). */
  private readonly dues: number[] = [];

  constructor(
    readonly workspaceId: string,
    segments: readonly SegmentRecord[],
  ) {
    this.dataset = new ColumnarDataset(workspaceId);
    this.engine = new SegmentEngine(workspaceId, []);
    this.index = new DependencyIndex([]);
    this.setSegments(segments);
  }

  /**
   * Installs a new set of segments. Returns true when they read facts the contacts' states do not
   * hold yet: then every contact must be reloaded from the store (`loadContact`).
   */
  setSegments(segments: readonly SegmentRecord[]): boolean {
    const live = segments.filter((s) => s.status === "live");
    this.live = new Map(live.map((s) => [s.id, s]));
    this.versions = new Map(segments.map((s) => [s.id, s.version]));
    const before = this.engine.layout.signature();
    this.engine = this.engineFor(segments);
    this.index = new DependencyIndex(segments.map((s) => ({ id: s.id, rule: s.rule })));
    this.timeDependent = new Set(live.filter((s) => this.index.timeDependent(s.id)).map((s) => s.id));
    this.numbered = undefined;
    this.timers.unstageAll();
    return this.engine.layout.signature() !== before;
  }

  /** True when `segments` read facts the contacts' states do not hold (a backfill is needed). */
  readsNewFacts(segments: readonly SegmentRecord[]): boolean {
    return this.engineFor(segments).layout.signature() !== this.engine.layout.signature();
  }

  /**
   * Starts building states for the engine of `segments` beside the live ones; the live segments
   * and states stay as they are until `finishBackfill`.
   */
  beginBackfill(segments: readonly SegmentRecord[]): void {
    this.backfill = { engine: this.engineFor(segments), states: new Map() };
  }

  /** Side states for contacts just read from the store (inside the pipeline: nothing is in flight). */
  backfillChunk(contacts: readonly StoredContact[]): void {
    const b = this.backfill;
    if (b === undefined) throw new Error("no backfill is running");
    for (const c of contacts) if (this.contacts.has(c.id)) b.states.set(c.id, stateFromStored(b.engine, c));
  }

  /** Swaps every contact to its side state and the runtime to the backfill's engine. */
  finishBackfill(): void {
    const b = this.backfill;
    if (b === undefined) throw new Error("no backfill is running");
    const missing = [...this.contacts.keys()].filter((id) => !b.states.has(id));
    if (missing.length > 0) throw new Error(`backfill has no state for ${missing.length} contacts`);
    for (const [id, state] of this.contacts) {
      const side = b.states.get(id) as ContactState;
      side.host = state.host;
      this.contacts.set(id, side);
    }
    this.engine = b.engine;
    this.backfill = undefined;
    this.timers.unstageAll();
  }

  abortBackfill(): void {
    this.backfill = undefined;
  }

  private engineFor(segments: readonly SegmentRecord[]): SegmentEngine {
    const defs = segments.map((s) => ({ id: s.id, rule: s.rule }));
    return new SegmentEngine(this.workspaceId, defs, { extending: this.engine.layout });
  }

  /** Segments that read `segmentId` (a segment cannot be deleted while it has any). */
  dependentsOf(segmentId: string): string[] {
    return this.index.dependentsOf(segmentId);
  }

  get segmentEngine(): SegmentEngine {
    return this.engine;
  }

  /** Rebuilds one contact's state from its stored facts (start-up, reloads after a failed commit). */
  loadContact(c: StoredContact): void {
    const state = stateFromStored(this.engine, c);
    // Memberships stay; next changes are unknown for the reloaded state: its next pass is a full one.
    state.host = this.contacts.get(c.id)?.host ?? [];
    forgetDues(state);
    this.contacts.set(c.id, state);
    this.backfill?.states.set(c.id, stateFromStored(this.backfill.engine, c));
    // A new row (the old one is left as a tombstone): the contact's timer moves with it.
    const old = this.dataset.indexOf(c.id);
    const due = old === undefined ? undefined : this.timers.get(old);
    if (old !== undefined) this.timers.set(old, null);
    this.dataset.deleteContact(c.id);
    const row = this.dataset.ensureContact(c.id);
    if (due !== undefined) this.timers.set(row, due);
    applyStored(c, (m) => this.dataset.applyAt(row, m));
  }

  /** The derived state a snapshot keeps (runtime-snapshot.ts). */
  image(): RuntimeContents {
    return {
      ordinals: this.ordinals.all(),
      states: this.contacts.values(),
      count: this.contacts.size,
      dataset: this.dataset,
    };
  }

  /**
   * Takes a snapshot's states and dataset instead of loading contacts one by one (start-up, on
   * a fresh runtime): timers are set from the next changes the states hold; a state without them
   * is due now, for a full pass.
   */
  restore(image: RuntimeImage, now: number): void {
    if (this.contacts.size > 0) throw new Error("restore needs a fresh runtime");
    for (const id of image.ordinals) this.ordinals.of(id);
    this.dataset = image.dataset;
    for (const state of image.states) {
      this.contacts.set(state.id, state);
      const next = dueKnown(state) ? earliestDue(state) : now;
      if (Number.isFinite(next)) this.timers.set(this.rowOf(state.id), next);
    }
  }

  /** Marks a stored membership (start-up; its `since` stays in the store). */
  loadMembership(segmentId: string, contactId: string): void {
    const state = this.contacts.get(contactId);
    if (state !== undefined) setMember(state, this.ordinals.of(segmentId), true);
  }

  forgetContact(contactId: string): void {
    const row = this.dataset.indexOf(contactId);
    if (row !== undefined) this.timers.set(row, null);
    this.contacts.delete(contactId);
    this.backfill?.states.delete(contactId);
    this.dataset.deleteContact(contactId);
  }

  /** The contact's next due instant, if it has one. */
  dueAt(contactId: string): number | undefined {
    const row = this.dataset.indexOf(contactId);
    return row === undefined ? undefined : this.timers.get(row);
  }

  /** Makes the contact due at `at` (a reloaded contact: due now, for a full pass). */
  setDue(contactId: string, at: number): void {
    const row = this.dataset.indexOf(contactId);
    if (row !== undefined) this.timers.set(row, at);
  }

  /** The contact's row in the dataset, which keys its timer; every contact held has one. */
  private rowOf(contactId: string): number {
    const row = this.dataset.indexOf(contactId);
    if (row === undefined) throw new Error(`contact ${contactId} has no row in the dataset`);
    return row;
  }

  /** Applies messages in order; records facts, membership changes and timers. */
  ingest(messages: readonly IngestMessage[], now: number, batch: WriteBatch): void {
    // Each contact's state is looked up once per call: the contacts map is large, and a lookup
    // in it (a string hash and a few cache misses) was a tenth of the main thread's time.
    const touched = new Map<string, Touched>();
    for (const m of messages) {
      if (m.messageId !== undefined) batch.messageIds.push(m.messageId);
      if (m.type === "delete") {
        this.deleteContact(m.userId, now, batch);
        touched.delete(m.userId);
        continue;
      }
      let t = touched.get(m.userId);
      if (t === undefined) {
        const changes: DataChange[] = [];
        const state = this.stateFor(m.userId, now, batch, changes);
        t = { state, row: this.dataset.ensureContact(m.userId), changes };
        touched.set(m.userId, t);
      }
      this.applyMessage(t, m, batch);
    }
    for (const t of touched.values())
      this.reevaluateState(t.state, t.row, now, batch, this.index.affectedBy(t.changes), "data");
  }

  /**
   * Re-evaluates up to `limit` contacts whose next change is due (with their lateness, ms); returns
   * how many. A contact staged ahead (`stageDue`) and untouched since takes its staged results.
   */
  fireDue(now: number, limit: number, batch: WriteBatch, lateness?: number[]): number {
    return this.timers.popDue(now, limit, (row, at, staged) => {
      lateness?.push(now - at);
      const state = this.contacts.get(this.dataset.idAt(row));
      if (state === undefined) return;
      if (staged !== undefined && this.applyStaged(state, row, staged, now, batch)) this.fired.staged++;
      else {
        this.fired.evaluated++;
        this.reevaluateState(state, row, now, batch, [], "timer");
      }
    });
  }

  /**
   * Evaluates up to `limit` contacts due by `until`, each at its own due instant, ahead of time:
   * evaluation reads the state and changes nothing, so an expiry wave's work is done before it
   * falls due, and at its instant each contact only records what was staged. Returns how many
   * entries it took off the queue, stale ones included (the pipeline does this between turns, a
   * slice at a time).
   */
  stageDue(until: number, limit: number): number {
    return this.timers.stageUntil(until, limit, (row, at) => this.stage(this.dataset.idAt(row), at));
  }

  private stage(contactId: string, at: number): StagedPass | undefined {
    const state = this.contacts.get(contactId);
    if (state === undefined || !dueKnown(state)) return undefined;
    const results: number[] = [];
    this.engine.evaluateEach(this.segmentsDue(state, at), state, at, (id, member, next, index) => {
      results.push(this.ordinalAt(id, index), member ? 1 : 0, next ?? Number.NaN);
    });
    return { state, stamp: dueStamp(state), engine: this.engine, results };
  }

  /**
   * Records a staged pass at `now` as `reevaluateState` would have; false (nothing done) when it no
   * longer holds: the contact changed since, or a next change falls between its instant and now.
   */
  private applyStaged(
    state: ContactState,
    row: number,
    p: StagedPass,
    now: number,
    batch: WriteBatch,
  ): boolean {
    if (state !== p.state || dueStamp(state) !== p.stamp || p.engine !== this.engine) return false;
    const { live, timeDependent } = this.byNumber();
    const pass = ++this.pass;
    const r = p.results;
    // The pass's scratch array, as `visitPass` fills it (no pass runs during this one).
    const fresh = this.fresh;
    let freshCount = 0;
    for (let k = 0; k < r.length; k += 3) {
      this.evaluatedIn[r[k]] = pass;
      if (!Number.isNaN(r[k + 2]) && timeDependent[r[k]] === true) {
        fresh[freshCount++] = r[k];
        fresh[freshCount++] = r[k + 2];
      }
    }
    const n = this.nextChanges(state, false, pass, fresh, freshCount);
    const dues = this.dues;
    // Each result holds from the staged instant until its next change: all of them still hold now?
    for (let k = 1; k < n; k += 2) if (dues[k] <= now) return false;
    for (let k = 0; k < r.length; k += 3) {
      const s = live[r[k]];
      if (s !== undefined) this.record(state, s, r[k], r[k + 1] === 1, now, batch);
    }
    const next = setDues(state, dues, n);
    this.timers.set(row, Number.isFinite(next) ? next : null);
    return true;
  }

  /** The ids of the contact's time-dependent segments whose next change is due by `at`. */
  private segmentsDue(state: ContactState, at: number): string[] {
    const due: string[] = [];
    const pairs = this.dues;
    const n = duesInto(state, pairs, 0);
    for (let k = 0; k < n; k += 2) if (pairs[k + 1] <= at) due.push(this.ordinals.idAt(pairs[k]));
    return due;
  }

  /**
   * Re-evaluates every contact for `segmentIds` (default: every live segment) and every
   * time-dependent segment (start-up catch-up, segment changes).
   */
  reevaluateAll(now: number, batch: WriteBatch, segmentIds?: readonly string[]): void {
    const ids = segmentIds ?? [...this.live.keys()];
    for (const state of this.contacts.values())
      this.reevaluateState(state, this.rowOf(state.id), now, batch, ids, "all");
  }

  /** Whether the contact is in the segment now (in memory: the stored state, bar a commit in flight). */
  isMember(contactId: string, segmentId: string): boolean {
    const state = this.contacts.get(contactId);
    return state !== undefined && isMember(state, this.ordinals.of(segmentId));
  }

  /** Calls `fn` for every member of the segment. */
  forEachMember(segmentId: string, fn: (contactId: string) => void): void {
    const o = this.ordinals.of(segmentId);
    for (const [contactId, state] of this.contacts) if (isMember(state, o)) fn(contactId);
  }

  /** Replaces a contact's memberships (after reading them back from the store). */
  setMemberships(contactId: string, segmentIds: Iterable<string>): void {
    const state = this.contacts.get(contactId);
    if (state === undefined) return;
    clearMembers(state);
    for (const id of segmentIds) setMember(state, this.ordinals.of(id), true);
  }

  /** Records an entry into `segmentId` for each of `contactIds` not in it yet (a first membership). */
  enterAll(
    segmentId: string,
    version: number,
    contactIds: Iterable<string>,
    now: number,
    batch: WriteBatch,
  ): void {
    this.versions.set(segmentId, version);
    for (const contactId of contactIds) {
      const state = this.contacts.get(contactId);
      if (state === undefined || !setMember(state, this.ordinals.of(segmentId), true)) continue;
      batch.memberships.push({ segmentId, contactId, member: true, since: now });
      batch.changes.push({ segmentId, contactId, change: "entered", at: now, segmentVersion: version });
    }
  }

  /** Records an exit from `segmentId` for every member (segment deleted or paused out). */
  exitAll(segmentId: string, version: number, now: number, batch: WriteBatch): void {
    const o = this.ordinals.of(segmentId);
    for (const [contactId, state] of this.contacts) {
      if (!setMember(state, o, false)) continue;
      batch.memberships.push({ segmentId, contactId, member: false, since: now });
      batch.changes.push({ segmentId, contactId, change: "exited", at: now, segmentVersion: version });
    }
  }

  private stateFor(id: string, now: number, batch: WriteBatch, changes: DataChange[]): ContactState {
    let state = this.contacts.get(id);
    if (state === undefined) {
      state = this.engine.createState(id);
      this.contacts.set(id, state);
      // Its dataset row is made by the caller's `ensureContact`.
      // A new contact may sort before the backfill's read position: it is never read from the store.
      this.backfill?.states.set(id, this.backfill.engine.createState(id));
      batch.contacts.push({ id, createdAt: now });
      changes.push({ kind: "contact_created" });
    }
    return state;
  }

  private applyMessage(t: Touched, m: Exclude<IngestMessage, { type: "delete" }>, batch: WriteBatch): void {
    const message = this.describe(m, batch, t.changes);
    this.engine.apply(t.state, message);
    this.dataset.applyAt(t.row, message);
    // A contact not read by the backfill yet has no side state: its read will include this message.
    const side = this.backfill?.states.get(m.userId);
    if (side !== undefined) this.backfill?.engine.apply(side, message);
  }

  /**
   * Describes a message's durable writes and data changes; returns it as the engine applies it:
   * the message itself (its extra fields are not read), not a copy per message.
   */
  private describe(
    m: Exclude<IngestMessage, { type: "delete" }>,
    batch: WriteBatch,
    changes: DataChange[],
  ): ContactMessage {
    const contactId = m.userId;
    switch (m.type) {
      case "identify":
        for (const [key, value] of Object.entries(m.traits)) {
          batch.traits.push({ contactId, key, value: value ?? null, ts: m.timestamp });
          changes.push({ kind: "property", key });
        }
        break;
      case "track":
        batch.events.push({ contactId, event: m.event, timestamp: m.timestamp, properties: m.properties });
        changes.push({ kind: "event", event: m.event });
        break;
      case "score":
        batch.scores.push({ contactId, score: m.score, value: m.value, ts: m.timestamp });
        changes.push({ kind: "score", score: m.score });
        break;
      case "list":
        batch.listMembers.push({ listId: m.list, contactId, member: m.member });
        changes.push({ kind: "list", list: m.list });
        break;
    }
    return m;
  }

  private deleteContact(id: string, now: number, batch: WriteBatch): void {
    const state = this.contacts.get(id);
    if (state === undefined) return;
    for (const segmentId of memberOrdinals(state).map((o) => this.ordinals.idAt(o))) {
      batch.changes.push({
        segmentId,
        contactId: id,
        change: "exited",
        at: now,
        segmentVersion: this.version(segmentId),
      });
    }
    batch.deletedContacts.push(id);
    this.forgetContact(id);
  }

  /**
   * Evaluates segments for one contact (at `row`, its dataset row), records the membership
   * diffs and sets its timer.
   * - `data`: the segments that read the changed facts (`affected`);
   * - `timer`: the time-dependent segments whose next change is due;
   * - `all`: `affected` and every time-dependent segment (start-up, definition changes).
   * The contact's timer is the least next change over its time-dependent segments, each kept
   * beside the state: a segment not evaluated read none of the changed data, so its next change
   * is still the one computed before. Until a contact has had a full pass, every pass is full.
   */
  private reevaluateState(
    state: ContactState,
    row: number,
    now: number,
    batch: WriteBatch,
    affected: readonly string[],
    mode: "data" | "timer" | "all",
  ): void {
    const full = mode === "all" || !dueKnown(state);
    let wanted = affected;
    if (full) wanted = [...affected, ...this.timeDependent];
    else if (mode === "timer") wanted = [...affected, ...this.segmentsDue(state, now)];
    // Unchanged next changes when nothing is evaluated: the earliest is read back.
    let next: number;
    if (wanted.length === 0) next = earliestDue(state);
    else {
      const pass = ++this.pass;
      this.freshCount = 0;
      this.passState = state;
      this.passNow = now;
      this.passBatch = batch;
      try {
        this.engine.evaluateEach(wanted, state, now, this.visitPass);
      } finally {
        this.passState = undefined;
        this.passBatch = undefined;
      }
      const n = this.nextChanges(state, full, pass, this.fresh, this.freshCount);
      next = setDues(state, this.dues, n);
    }
    this.timers.set(row, Number.isFinite(next) ? next : null);
  }

  /**
   * Each segment's result in a `reevaluateState` pass, as the engine settles it (one function for
   * every pass; the pass is in the fields). Referenced segments evaluated on the way are
   * recorded too: their result is as current.
   */
  private readonly visitPass: MembershipVisitor = (id, member, next, index) => {
    const { live, timeDependent } = this.byNumber();
    const o = this.ordinalAt(id, index);
    this.evaluatedIn[o] = this.pass;
    const s = live[o];
    if (s !== undefined)
      this.record(this.passState as ContactState, s, o, member, this.passNow, this.passBatch as WriteBatch);
    if (next !== null && timeDependent[o] === true) {
      this.fresh[this.freshCount++] = o;
      this.fresh[this.freshCount++] = next;
    }
  };

  /**
   * Writes into `this.dues` the pairs [segment number, next change] of the time-dependent segments
   * after an evaluation: those not evaluated in this `pass` kept (none on a full pass), then the
   * evaluated ones' new next changes (the first `freshCount` numbers of `fresh`). Returns how many
   * numbers it wrote.
   */
  private nextChanges(
    state: ContactState,
    full: boolean,
    pass: number,
    fresh: readonly number[],
    freshCount: number,
  ): number {
    const out = this.dues;
    let n = 0;
    if (!full) {
      const { timeDependent } = this.byNumber();
      const had = duesInto(state, out, 0);
      for (let k = 0; k < had; k += 2) {
        const o = out[k];
        if (this.evaluatedIn[o] === pass || timeDependent[o] !== true) continue;
        out[n++] = o;
        out[n++] = out[k + 1];
      }
    }
    for (let k = 0; k < freshCount; k++) out[n++] = fresh[k];
    return n;
  }

  private record(
    state: ContactState,
    s: SegmentRecord,
    ordinal: number,
    member: boolean,
    now: number,
    batch: WriteBatch,
  ): void {
    if (!setMember(state, ordinal, member)) return;
    const contactId = state.id;
    batch.memberships.push({ segmentId: s.id, contactId, member, since: now });
    batch.changes.push({
      segmentId: s.id,
      contactId,
      change: member ? "entered" : "exited",
      at: now,
      segmentVersion: s.version,
    });
  }

  /**
   * The segment's number (`ordinals`) from the engine's dense index for it, through an array kept
   * for that engine and filled as segments come up (no lookup by id per result).
   */
  private ordinalAt(id: string, index: number): number {
    if (index < 0) return this.ordinals.of(id);
    let t = this.indexOrdinals;
    if (t?.engine !== this.engine) {
      t = { engine: this.engine, ordinal: [] };
      this.indexOrdinals = t;
    }
    const known = t.ordinal[index];
    if (known !== undefined) return known;
    const o = this.ordinals.of(id);
    t.ordinal[index] = o;
    return o;
  }

  private byNumber(): NonNullable<WorkspaceRuntime["numbered"]> {
    if (this.numbered !== undefined) return this.numbered;
    const numbered = { live: [] as (SegmentRecord | undefined)[], timeDependent: [] as boolean[] };
    for (const s of this.live.values()) {
      const o = this.ordinals.of(s.id);
      numbered.live[o] = s;
      numbered.timeDependent[o] = this.timeDependent.has(s.id);
    }
    this.numbered = numbered;
    return numbered;
  }

  private version(segmentId: string): number {
    return this.versions.get(segmentId) ?? 0;
  }
}
