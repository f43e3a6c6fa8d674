import type { Clock } from "../clock/clock.ts";
import type { IngestMessage } from "../runtime/ingest-message.ts";
import type { WorkspaceRuntime } from "../runtime/workspace-runtime.ts";
import type { Store } from "../store/store.ts";
import { emptyBatch, isEmptyBatch, type WriteBatch } from "../store/write-batch.ts";
import type { PipelineObserver } from "./pipeline-observer.ts";

export interface IngestResult {
  accepted: number;
  /** Messages skipped because their messageId was already processed. */
  duplicates: number;
}

export type CommitListener = (range: { firstSeq: number; lastSeq: number }) => void;

/** Work that must run alone between commits (segment lifecycle, reloads). */
export type ExclusiveTask = (batch: WriteBatch, now: number) => Promise<void> | void;

type IngestItem = {
  kind: "ingest";
  messages: IngestMessage[];
  resolve: (r: IngestResult) => void;
  reject: (e: unknown) => void;
};
type Item =
  | IngestItem
  | { kind: "task"; run: ExclusiveTask; resolve: () => void; reject: (e: unknown) => void };

/** Turns evaluated while a commit was in flight, to be committed together as soon as it ends. */
interface Pending {
  batch: WriteBatch;
  items: IngestItem[];
  results: IngestResult[];
  turns: number;
  messages: number;
  timers: number;
}

export interface PipelineOptions {
  /** Messages per group commit at most. */
  maxBatchMessages: number;
  /** Due timers evaluated per turn, so that an expiry wave never holds a turn for long. */
  maxTimersPerTurn: number;
  /**
   * Turns evaluated while a commit is in flight are committed together once it ends; past these
   * many turns, messages or timers, evaluation waits for the commit instead. Bigger commits cost
   * less per row, smaller ones answer sooner. The default, one turn, keeps a message from ever
   * waiting behind more than the commit in flight and its own: more turns drained an expiry wave
   * faster but made messages wait over 100 ms (docs/benchmarks.md).
   */
  maxPendingTurns: number;
  maxPendingMessages: number;
  maxPendingTimers: number;
}

const DEFAULTS: PipelineOptions = {
  maxBatchMessages: 5_000,
  maxTimersPerTurn: 1_000,
  maxPendingTurns: 1,
  maxPendingMessages: 10_000,
  maxPendingTimers: 1_000,
};

/**
 * The single writer of one workspace. Concurrent calls queue up; each turn takes everything
 * waiting (group commit), applies it to the runtime, commits one transaction and only then
 * answers the callers, so an acknowledged message is durable together with the membership
 * changes it caused. Due timers ride along in the same turns. If a commit fails, the touched
 * contacts are reloaded from the store, which stays the truth.
 *
 * Evaluation runs ahead of the store: while one transaction commits, the next turns apply their
 * messages and timers to memory and their writes accumulate in one pending batch, committed as
 * soon as the transaction in flight ends (up to `maxPendingTurns` and its siblings, then
 * evaluation waits). So commits grow when the store is the bottleneck (an expiry wave, a burst)
 * and each turn stays short. If a commit fails, the pending turns, built on memory that was not
 * kept, are refused and reloaded as well. Exclusive tasks start only once nothing is in flight
 * or pending, so they read everything acknowledged.
 */
export class WorkspacePipeline {
  private readonly queue: Item[] = [];
  private running = false;
  private cancelTimer: (() => void) | undefined;
  private armedAt: number | null = null;
  private closed = false;
  private readonly options: PipelineOptions;
  /** Called after each commit with its seq range (deliveries wake up on it). */
  onCommit: CommitListener = () => {};
  private readonly commitListeners = new Set<CommitListener>();
  /** Told of every turn, commit and fired timer (metrics); none by default. */
  observer: PipelineObserver | undefined;
  /** The commit in flight and its answers; resolves to whether it committed. */
  private inflight: Promise<boolean> | null = null;
  /** Turns evaluated since that commit started. */
  private pending: Pending | null = null;
  /** Message ids in flight or pending: not in the store yet, but taken. */
  private readonly takenIds = new Set<string>();
  /** Set while a failed commit's contacts are reloaded: no turn may evaluate meanwhile. */
  private recovering: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    readonly runtime: WorkspaceRuntime,
    readonly clock: Clock,
    options: Partial<PipelineOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  ingest(messages: IngestMessage[]): Promise<IngestResult> {
    return new Promise((resolve, reject) => this.enqueue({ kind: "ingest", messages, resolve, reject }));
  }

  /** Runs `run` alone in the pipeline, its writes committed in their own transaction. */
  exclusive(run: ExclusiveTask): Promise<void> {
    return new Promise((resolve, reject) => this.enqueue({ kind: "task", run, resolve, reject }));
  }

  /** Arms the clock for the runtime's earliest due timer (call after loading). */
  wake(): void {
    this.kick();
  }

  /**
   * Also calls `listener` after each commit that recorded changes (SSE streams and webhook
   * workers wake up on it); returns its removal. A listener only signals: it must not throw.
   */
  addCommitListener(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** Messages waiting for a turn (a queue depth for metrics). */
  get queuedMessages(): number {
    let n = 0;
    for (const item of this.queue) if (item.kind === "ingest") n += item.messages.length;
    return n;
  }

  /** How many listeners are subscribed (diagnostics: each open stream holds one). */
  get commitListenerCount(): number {
    return this.commitListeners.size;
  }

  /** Waits for queued work, then stops the timers. */
  async close(): Promise<void> {
    await this.exclusive(() => {});
    this.closed = true;
    this.cancelTimer?.();
  }

  private enqueue(item: Item): void {
    if (this.closed) {
      item.reject(new Error("the pipeline is closed"));
      return;
    }
    this.queue.push(item);
    this.kick();
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    queueMicrotask(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (!this.closed) {
        // Due timers and queued messages go first; an exclusive task runs once they are done,
        // so a task queued after some work sees that work (and any due timers) committed.
        // Back-pressure: a full pending batch waits for the commit in flight before the next
        // group is taken, so that a message arriving meanwhile rides in the very next turn.
        if (this.pendingFull()) await this.inflight;
        const now = this.clock.now();
        const timersDue = (this.runtime.timers.peek() ?? Number.POSITIVE_INFINITY) <= now;
        const group = this.takeIngestGroup();
        if (group.length > 0 || timersDue) {
          await this.runGroup(group, now);
          // A synchronous store (SQLite) would otherwise run turn after turn in microtasks and
          // starve the event loop: HTTP requests and the clock's timers wait for the next macrotask.
          await yieldToEventLoop();
          continue;
        }
        const next = this.queue.shift();
        if (next === undefined) break;
        if (next.kind === "task") {
          await this.settled();
          await this.runTask(next);
        }
      }
    } finally {
      this.running = false;
      if (this.queue.length > 0 && !this.closed) this.kick();
      else this.armTimer();
    }
  }

  private takeIngestGroup(): IngestItem[] {
    const group: IngestItem[] = [];
    let count = 0;
    while (this.queue.length > 0 && this.queue[0].kind === "ingest") {
      const item = this.queue[0] as IngestItem;
      if (group.length > 0 && count + item.messages.length > this.options.maxBatchMessages) break;
      this.queue.shift();
      group.push(item);
      count += item.messages.length;
    }
    return group;
  }

  private async runGroup(group: IngestItem[], now: number): Promise<void> {
    // A batch applies its deletions last, so a turn that deletes is committed on its own: merged
    // with later turns, it would also remove what they wrote about the deleted contact.
    if (group.some((g) => g.messages.some((m) => m.type === "delete"))) await this.settled();
    if (this.recovering !== null) await this.recovering;
    const batch = emptyBatch(this.runtime.workspaceId);
    const results: IngestResult[] = [];
    let messages = 0;
    let timers = 0;
    try {
      const ids = group.flatMap((g) =>
        g.messages.flatMap((m) => (m.messageId === undefined ? [] : [m.messageId])),
      );
      const seen =
        ids.length === 0 ? new Set<string>() : await this.store.seenMessageIds(this.runtime.workspaceId, ids);
      for (const id of ids) if (this.takenIds.has(id)) seen.add(id);
      if (this.recovering !== null) await this.recovering;
      const started = performance.now();
      for (const g of group) {
        // A messageId seen before, or earlier in this group, is accepted and ignored.
        const fresh = g.messages.filter((m) => {
          if (m.messageId === undefined) return true;
          if (seen.has(m.messageId)) return false;
          seen.add(m.messageId);
          return true;
        });
        this.runtime.ingest(fresh, now, batch);
        messages += fresh.length;
        results.push({ accepted: fresh.length, duplicates: g.messages.length - fresh.length });
      }
      const lateness: number[] = [];
      // Within the pending batch's room: a message never waits behind more timers than that.
      const room = Math.min(
        this.options.maxTimersPerTurn,
        this.options.maxPendingTimers - (this.pending?.timers ?? 0),
      );
      timers = room > 0 ? this.runtime.fireDue(now, room, batch, lateness) : 0;
      const ws = this.runtime.workspaceId;
      this.observer?.turn(ws, { messages, timers, evaluateSeconds: (performance.now() - started) / 1000 });
      if (lateness.length > 0)
        this.observer?.timersLate(
          ws,
          lateness.map((ms) => ms / 1000),
        );
    } catch (e) {
      await this.settled();
      await this.reload(batch);
      for (const g of group) g.reject(e);
      return;
    }
    for (const id of batch.messageIds) this.takenIds.add(id);
    // Timers set by this turn are armed before its callers hear back.
    this.armTimer();
    if (this.pending === null) this.pending = { batch, items: group, results, turns: 1, messages, timers };
    else {
      appendBatch(this.pending.batch, batch);
      this.pending.turns += 1;
      this.pending.items.push(...group);
      this.pending.results.push(...results);
      this.pending.messages += messages;
      this.pending.timers += timers;
    }
    if (this.inflight === null) this.commitPending();
  }

  /** Commits the pending turns; when that ends, whatever was evaluated meanwhile. */
  private commitPending(): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    this.inflight = this.commitAndAnswer(p).then(async (ok) => {
      if (!ok && this.pending !== null) {
        const refused = this.pending;
        this.pending = null;
        await this.refuse(refused);
      }
      this.inflight = null;
      this.commitPending();
      return ok;
    });
  }

  private pendingFull(): boolean {
    const p = this.pending;
    return (
      p !== null &&
      (p.turns >= this.options.maxPendingTurns ||
        p.messages >= this.options.maxPendingMessages ||
        p.timers >= this.options.maxPendingTimers)
    );
  }

  /** Resolves once nothing is in flight or pending. */
  private async settled(): Promise<void> {
    while (this.inflight !== null) await this.inflight;
  }

  private async commitAndAnswer(p: Pending): Promise<boolean> {
    try {
      await this.commit(p.batch);
      this.release(p.batch);
      for (const [i, g] of p.items.entries()) g.resolve(p.results[i]);
      return true;
    } catch (e) {
      await this.recover(p.batch);
      for (const g of p.items) g.reject(e);
      return false;
    }
  }

  /** Turns evaluated on top of a failed commit: their memory was not kept either. */
  private async refuse(p: Pending): Promise<void> {
    await this.recover(p.batch);
    const refused = new Error("an earlier commit failed; this batch was not stored");
    for (const g of p.items) g.reject(refused);
  }

  /** Reloads what a failed batch touched, holding back every turn meanwhile. */
  private async recover(batch: WriteBatch): Promise<void> {
    const done = this.reload(batch).finally(() => {
      this.release(batch);
      if (this.recovering === done) this.recovering = null;
    });
    this.recovering = done;
    await done;
  }

  private release(batch: WriteBatch): void {
    for (const id of batch.messageIds) this.takenIds.delete(id);
  }

  private async runTask(item: Extract<Item, { kind: "task" }>): Promise<void> {
    const batch = emptyBatch(this.runtime.workspaceId);
    try {
      await item.run(batch, this.clock.now());
      await this.commit(batch);
      item.resolve();
    } catch (e) {
      await this.reload(batch);
      item.reject(e);
    }
  }

  private async commit(batch: WriteBatch): Promise<void> {
    this.armTimer();
    if (isEmptyBatch(batch)) return;
    const started = performance.now();
    const range = await this.store.commit(batch);
    this.observer?.commit(this.runtime.workspaceId, (performance.now() - started) / 1000);
    if (range === null) return;
    this.onCommit(range);
    for (const listener of this.commitListeners) listener(range);
  }

  /** After a failed commit: memory may be ahead of the store; reload what the batch touched. */
  private async reload(batch: WriteBatch): Promise<void> {
    const ids = new Set([
      ...batch.contacts.map((c) => c.id),
      ...batch.traits.map((t) => t.contactId),
      ...batch.scores.map((s) => s.contactId),
      ...batch.events.map((e) => e.contactId),
      ...batch.listMembers.map((l) => l.contactId),
      ...batch.memberships.map((m) => m.contactId),
      ...batch.deletedContacts,
    ]);
    const ws = this.runtime.workspaceId;
    for (const id of ids) {
      const stored = await this.store.getContact(ws, id);
      if (stored === undefined) {
        this.runtime.forgetContact(id);
        continue;
      }
      this.runtime.loadContact(stored);
      const memberships = await this.store.contactMemberships(ws, id);
      this.runtime.setMemberships(
        id,
        memberships.map((m) => m.segmentId),
      );
      // Due now: the next turn re-evaluates it against the stored facts and records any change.
      this.runtime.timers.set(id, this.clock.now());
    }
  }

  private armTimer(): void {
    if (this.closed) return;
    const at = this.runtime.timers.peek();
    if (at === this.armedAt) return;
    this.cancelTimer?.();
    this.armedAt = at;
    if (at === null) return;
    this.cancelTimer = this.clock.schedule(at, () => {
      this.armedAt = null;
      this.kick();
    });
  }
}

/** Appends `more`'s writes to `into`, keeping their order (a later turn's writes come after). */
function appendBatch(into: WriteBatch, more: WriteBatch): void {
  for (const key of Object.keys(into) as (keyof WriteBatch)[]) {
    if (key === "workspaceId") continue;
    const target = into[key] as unknown[];
    for (const x of more[key] as unknown[]) target.push(x);
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
