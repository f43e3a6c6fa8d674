import { randomUUID } from "node:crypto";
import { type Group, ruleReferences, validateRule } from "@growthos/segments-core";
import type { WorkspacePipeline } from "../pipeline/workspace-pipeline.ts";
import type { IngestMessage } from "../runtime/ingest-message.ts";
import type { ListRecord, SegmentRecord, SegmentStatus } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import type { WriteBatch } from "../store/write-batch.ts";
import { ConflictError, InvalidRuleError, NotFoundError } from "./errors.ts";
import { RulePreviewer } from "./rule-preview.ts";
import type { SegmentInput } from "./segment-input.ts";
import { WorkspaceLists } from "./workspace-lists.ts";

/**
 * One workspace of the running service: ingestion and the segment lifecycle, each step through
 * the workspace's single-writer pipeline so that memory and the store move together.
 */
export class Workspace {
  private segments: SegmentRecord[];
  readonly lists: WorkspaceLists;
  /** The last definition change queued: the next one starts when it has finished. */
  private lifecycle: Promise<unknown> = Promise.resolve();
  private readonly progress = new Map<string, BackfillProgress>();
  /** Counts and members of unsaved rules, from memory. */
  readonly previewer: RulePreviewer;

  constructor(
    readonly id: string,
    private readonly store: Store,
    readonly pipeline: WorkspacePipeline,
    segments: SegmentRecord[],
    lists: string[],
  ) {
    this.segments = segments;
    this.previewer = new RulePreviewer(pipeline.runtime, () => pipeline.clock.now());
    this.lists = new WorkspaceLists(id, store, pipeline, lists, (listId) =>
      this.segments.filter((s) => ruleReferences(s.rule).lists.has(listId)).map((s) => s.id),
    );
  }

  get runtime() {
    return this.pipeline.runtime;
  }

  ingest(messages: IngestMessage[]) {
    return this.pipeline.ingest(messages);
  }

  /**
   * Removes a contact with its facts and memberships (exits recorded), inside the pipeline so the
   * existence check and the delete see the same state. False when there was no such contact.
   */
  async deleteContact(contactId: string): Promise<boolean> {
    let found = false;
    await this.pipeline.exclusive((batch, now) => {
      found = this.runtime.contacts.has(contactId);
      if (found) this.runtime.ingest([{ type: "delete", userId: contactId }], now, batch);
    });
    return found;
  }

  listSegments(): SegmentRecord[] {
    return [...this.segments];
  }

  getSegment(segmentId: string): SegmentRecord {
    const s = this.segments.find((x) => x.id === segmentId);
    if (s === undefined) throw new NotFoundError("segment", segmentId);
    return s;
  }

  /** Saves a new segment and computes its first membership before resolving. */
  async createSegment(input: SegmentInput): Promise<SegmentRecord> {
    return (await this.beginCreateSegment(input)).done;
  }

  /**
   * Saves a new segment; `segment` is what was saved (status `computing` while a backfill reads
   * every contact's stored facts, ingestion going on meanwhile), `done` the segment once its
   * first membership is recorded.
   */
  async beginCreateSegment(input: SegmentInput): Promise<SegmentChange> {
    const id = input.id ?? `seg_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
    if (this.segments.some((s) => s.id === id)) throw new ConflictError(`segment ${id} already exists`);
    this.validate(input.rule, id);
    return this.define((now) => {
      // Again inside the pipeline: a referenced segment or list may have gone meanwhile.
      if (this.segments.some((s) => s.id === id)) throw new ConflictError(`segment ${id} already exists`);
      const rule = this.validate(input.rule, id);
      const saved: SegmentRecord = {
        workspaceId: this.id,
        id,
        name: input.name,
        description: input.description ?? "",
        rule,
        version: 1,
        status: "live",
        createdAt: now,
        updatedAt: now,
      };
      return { saved, next: [...this.segments, saved], recompute: [id], isNew: true };
    });
  }

  /** Replaces a segment's definition; entries and exits are recorded with the new version. */
  async updateSegment(segmentId: string, input: SegmentInput): Promise<SegmentRecord> {
    return (await this.beginUpdateSegment(segmentId, input)).done;
  }

  /** As `beginCreateSegment`, for a new definition of an existing segment. */
  async beginUpdateSegment(segmentId: string, input: SegmentInput): Promise<SegmentChange> {
    this.getSegment(segmentId);
    this.validate(input.rule, segmentId);
    return this.define((now) => {
      const current = this.getSegment(segmentId);
      const rule = this.validate(input.rule, segmentId);
      const saved: SegmentRecord = {
        ...current,
        name: input.name,
        description: input.description ?? current.description,
        rule,
        version: current.version + 1,
        updatedAt: now,
      };
      const next = this.segments.map((s) => (s.id === segmentId ? saved : s));
      return { saved, next, recompute: [segmentId, ...this.runtime.dependentsOf(segmentId)], isNew: false };
    });
  }

  /** Where a running backfill stands: contacts read of the total; undefined when none runs. */
  progressOf(segmentId: string): BackfillProgress | undefined {
    return this.progress.get(segmentId);
  }

  /** Deletes a segment, recording every member's exit; refused while another segment reads it. */
  async deleteSegment(segmentId: string): Promise<void> {
    await this.serial(async () => {
      const current = this.getSegment(segmentId);
      const readers = this.runtime.dependentsOf(segmentId);
      if (readers.length > 0)
        throw new ConflictError(`segment ${segmentId} is used by ${readers.join(", ")}`);
      await this.change(async (batch, now) => {
        this.runtime.exitAll(segmentId, current.version, now, batch);
        batch.deletedSegments.push(segmentId);
        await this.install(
          this.segments.filter((s) => s.id !== segmentId),
          batch,
          now,
          [],
        );
      });
    });
  }

  /** Paused segments keep their members as they are until resumed (then they catch up at once). */
  async setStatus(
    segmentId: string,
    status: Extract<SegmentStatus, "live" | "paused">,
  ): Promise<SegmentRecord> {
    return this.serial(async () => {
      const current = this.getSegment(segmentId);
      if (current.status === status || current.status === "computing") return current;
      let saved: SegmentRecord | undefined;
      await this.change(async (batch, now) => {
        saved = { ...current, status, updatedAt: now };
        const next = this.segments.map((s) => (s.id === segmentId ? (saved as SegmentRecord) : s));
        await this.install(next, batch, now, status === "live" ? [segmentId] : []);
      });
      return saved as SegmentRecord;
    });
  }

  /** Saves a static list (its id is known to rule validation as soon as this is called). */
  createList(listId: string, name = listId): Promise<ListRecord> {
    return this.lists.create(listId, name);
  }

  /**
   * Validates a rule against this workspace without saving it (previews). With `selfId`, as the
   * new rule of that segment: references back to it are cycles.
   */
  checkRule(input: unknown, selfId?: string): Group {
    return this.validate(input, selfId);
  }

  private validate(input: unknown, selfId: string | undefined): Group {
    const result = validateRule(input, {
      selfId,
      segmentExists: (id) => this.segments.some((s) => s.id === id),
      segmentRule: (id) => this.segments.find((s) => s.id === id)?.rule,
      listExists: (id) => this.lists.has(id),
    });
    if (!result.ok) throw new InvalidRuleError(result.issues);
    return result.rule;
  }

  /**
   * Saves a segment definition. When its rule reads only facts the states hold, the membership
   * is computed in the same pipeline step. Otherwise the segment is saved as `computing` (a new
   * one with its first membership from the set evaluator) and a backfill rebuilds every state for
   * the wider engine chunk by chunk, each chunk its own short pipeline step so that ingestion
   * goes on between them; the swap and the per-contact recompute are one last step. Definition
   * changes run one at a time.
   */
  private define(make: (now: number) => Definition): Promise<SegmentChange> {
    const started = this.lifecycle.then(() => this.startDefinition(make));
    // The next definition change waits for this one's backfill too, not only for its start.
    this.lifecycle = started.then(
      (c) => c.done.catch(() => {}),
      () => {},
    );
    return started;
  }

  private async startDefinition(make: (now: number) => Definition): Promise<SegmentChange> {
    let plan: Definition | undefined;
    let backfill = false;
    await this.change(async (batch, now) => {
      plan = make(now);
      if (!this.runtime.readsNewFacts(plan.next)) {
        await this.install(plan.next, batch, now, plan.recompute);
        return;
      }
      backfill = true;
      const computing: SegmentRecord = { ...plan.saved, status: "computing" };
      this.segments = plan.next.map((s) => (s === plan?.saved ? computing : s));
      batch.segments.push(computing);
      this.runtime.beginBackfill(plan.next);
      this.progress.set(computing.id, { read: 0, total: this.runtime.contacts.size });
      if (plan.isNew) {
        // Its first membership at once, from the set evaluator; what changes while the states
        // are rebuilt is reconciled by the swap's per-contact pass.
        const members = this.previewer.ids(this.previewer.members(plan.saved.rule, now));
        this.runtime.enterAll(plan.saved.id, plan.saved.version, members, now, batch);
      }
    });
    const p = plan as Definition;
    if (!backfill) return { segment: p.saved, done: Promise.resolve(p.saved) };
    const done = this.runBackfill(p).finally(() => this.progress.delete(p.saved.id));
    // The caller may answer before it settles; a failure is still reported through `done`.
    done.catch(() => {});
    return { segment: this.getSegment(p.saved.id), done };
  }

  private async runBackfill(plan: Definition): Promise<SegmentRecord> {
    const id = plan.saved.id;
    const chunks = this.store.streamContacts(this.id, BACKFILL_CHUNK)[Symbol.asyncIterator]();
    try {
      for (let finished = false; !finished; ) {
        // Each read runs in the pipeline, after every earlier commit: it holds all acknowledged data.
        await this.pipeline.exclusive(async () => {
          const next = await chunks.next();
          finished = next.done === true;
          if (next.done) return;
          this.runtime.backfillChunk(next.value);
          const p = this.progress.get(id);
          if (p !== undefined) p.read += next.value.length;
        });
      }
      await this.change(async (batch, now) => {
        this.runtime.finishBackfill();
        const saved: SegmentRecord = { ...plan.saved, updatedAt: now };
        const next = this.segments.map((s) => (s.id === id ? saved : s));
        await this.install(next, batch, now, plan.recompute);
      });
      return this.getSegment(id);
    } catch (e) {
      this.runtime.abortBackfill();
      await chunks.return?.();
      await this.pipeline.exclusive(async () => {
        this.segments = await this.store.listSegments(this.id);
      });
      throw e;
    }
  }

  /** Runs `step` after every earlier definition change has finished. */
  private async serial<T>(step: () => Promise<T>): Promise<T> {
    const run = this.lifecycle.then(step);
    this.lifecycle = run.catch(() => {});
    return run;
  }

  /** Installs `next` as the segment set (its facts already held by the states) and recomputes. */
  private async install(next: SegmentRecord[], batch: WriteBatch, now: number, recompute: string[]) {
    const changed = next.filter((s) => !this.segments.includes(s));
    if (this.runtime.setSegments(next)) await this.reloadContacts();
    this.segments = next;
    batch.segments.push(...changed);
    if (recompute.length > 0) this.runtime.reevaluateAll(now, batch, recompute);
  }

  /** Runs a lifecycle step in the pipeline; if it fails, memory is re-read from the store. */
  private async change(step: (batch: WriteBatch, now: number) => Promise<void>): Promise<void> {
    const before = this.segments;
    try {
      await this.pipeline.exclusive(step);
    } catch (e) {
      this.segments = before;
      this.runtime.abortBackfill();
      await this.pipeline.exclusive(async () => {
        this.segments = await this.store.listSegments(this.id);
        this.runtime.setSegments(this.segments);
        await this.reloadContacts();
      });
      throw e;
    }
  }

  private async reloadContacts(): Promise<void> {
    for await (const chunk of this.store.streamContacts(this.id))
      for (const c of chunk) this.runtime.loadContact(c);
  }
}

/** Contacts read per backfill step: small enough that a step holds ingestion back only briefly. */
const BACKFILL_CHUNK = 500;

interface Definition {
  saved: SegmentRecord;
  next: SegmentRecord[];
  /** Segments to re-evaluate for every contact once `next` is installed. */
  recompute: string[];
  /** A new segment (its first membership can come from the set evaluator at once). */
  isNew: boolean;
}

export interface SegmentChange {
  segment: SegmentRecord;
  done: Promise<SegmentRecord>;
}

export interface BackfillProgress {
  read: number;
  total: number;
}
