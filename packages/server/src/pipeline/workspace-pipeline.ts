import type { Clock } from "../clock/clock.ts";
import type { IngestMessage } from "../runtime/ingest-message.ts";
import type { WorkspaceRuntime } from "../runtime/workspace-runtime.ts";
import type { Store } from "../store/store.ts";
import { emptyBatch, isEmptyBatch, type WriteBatch } from "../store/write-batch.ts";
import type { PipelineObserver } from "./pipeline-observer.ts";
import { RecentIds } from "./recent-ids.ts";
import { TimerPacer, type TimerPacing } from "./timer-pacer.ts";

export interface IngestResult {
  accepted: number;
  /** Messages skipped because their messageId was already processed. */
  duplicates: number;
}

export type CommitListener = (range: { firstSeq: number; lastSeq: number }) => void;

/** Work that must run alone between commits (segment lifecycle, reloads). */
export type ExclusiveTask = (batch: WriteBatch, now: number) => Promise<void> | void;

type Item =
  | {
      kind: "ingest";
      messages: IngestMessage[];
      /** A contact deletion: its group ends with it (see `ingest`). */
      closesGroup: boolean;
      /** Its message ids already in the store, looked up when it was queued, and that lookup's stamp (`RecentIds`). */
      known: Promise<ReadonlySet<string>>;
      stamp: number;
      resolve: (r: IngestResult) => void;
      reject: (e: unknown) => void;
    }
  | { kind: "task"; run: ExclusiveTask; resolve: () => void; reject: (e: unknown) => void };

export interface PipelineOptions {
  /** Messages per group commit at most. */
  maxBatchMessages: number;
  /**
   * Due timers per turn: paced (`TimerPacer`) so that a turn carrying them is evaluated and
   * committed in about `budgetMs`, and an expiry wave never holds a message for long.
   */
  timers: TimerPacing;
  /**
   * Timers falling due within `aheadMs` are evaluated at their instants ahead of time, `slice`
   * contacts at a time between turns, at most `max` waiting (0 `aheadMs`: never): at its
   * instant an expiry wave only records what was staged.
   */
  staging: { aheadMs: number; slice: number; max: number };
}

const DEFAULTS: PipelineOptions = {
  maxBatchMessages: 5_000,
  // A message waits for the turn in flight and its own: two budgets stay under 100 ms.
  timers: { initial: 1_000, min: 100, max: 5_000, budgetMs: 35 },
  // A slice is ~1-3 ms of evaluation: a message arriving meanwhile waits no longer than that.
  staging: { aheadMs: 2_000, slice: 500, max: 250_000 },
};

/**
 * The single writer of one workspace. Concurrent calls queue up; each turn takes everything
 * waiting (group commit), applies it to the runtime, commits one transaction and only then
 * answers the callers, so an acknowledged message is durable together with the membership
 * changes it caused. Due timers ride along in the same turns. If a commit fails, the touched
 * contacts are reloaded from the store, which stays the truth.
 *
 * Turns overlap by one: while a turn's transaction commits, the next turn applies its messages
 * to memory, then waits for that commit before starting its own. If the earlier commit failed,
 * the later turn, built on memory that was not kept, is refused and reloaded as well. Exclusive
 * tasks start only once no commit is in flight, so they read everything acknowledged.
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
  /** The previous turn's commit and answers; resolves to whether it committed. */
  private inflight: Promise<boolean> | null = null;
  /** Ids applied by turns that the queued calls' lookups may not have seen: taken as well. */
  private readonly recent = new RecentIds();
  /** Whether a turn's commit is in flight (the next turn may then take every queued call). */
  private committing = false;

  private readonly pacer: TimerPacer;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    readonly runtime: WorkspaceRuntime,
    readonly clock: Clock,
    options: Partial<PipelineOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.pacer = new TimerPacer(this.options.timers);
  }

  /** Due timers the next turn may take (see `TimerPacer`). */
  get timerCap(): number {
    return this.pacer.cap;
  }

  /**
   * Queues messages for the next turns. A batch applies its deletions last (whatever else it
   * wrote about a deleted contact goes too), so a contact deleted and then written again must
   * not share a batch: each deletion ends its turn's group, and the messages after it go to the
   * next. A call split so answers once every part is committed (parts before a failed one stay).
   */
  ingest(messages: IngestMessage[]): Promise<IngestResult> {
    const parts = splitAtDeletions(messages);
    const done = parts.map(
      (part) =>
        new Promise<IngestResult>((resolve, reject) =>
          this.enqueue({
            kind: "ingest",
            messages: part,
            closesGroup: part[0]?.type === "delete",
            ...this.lookUp(part),
            resolve,
            reject,
          }),
        ),
    );
    if (done.length === 1) return done[0];
    return Promise.all(done).then((results) => ({
      accepted: results.reduce((n, r) => n + r.accepted, 0),
      duplicates: results.reduce((n, r) => n + r.duplicates, 0),
    }));
  }

  /**
   * Looks the part's message ids up in the store now, while earlier turns are evaluated, rather
   * than when its turn comes: the turn does not wait for the store's answer.
   */
  private lookUp(part: IngestMessage[]): { known: Promise<ReadonlySet<string>>; stamp: number } {
    const stamp = this.recent.durableTurns;
    const ids: string[] = [];
    for (const m of part) if (m.messageId !== undefined) ids.push(m.messageId);
    if (ids.length === 0 || this.closed) return { known: Promise.resolve(new Set()), stamp };
    const known = this.store.seenMessageIds(this.runtime.workspaceId, ids);
    // Its turn awaits it (and fails the calls if it failed); a call never run must not leave it unhandled.
    known.catch(() => {});
    return { known, stamp };
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

  /** Resolves once the pipeline has nothing left to do, staging included (tests, diagnostics). */
  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
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
        if (next === undefined) {
          // Idle: evaluate the timers due soon, a slice at a time, with the event loop in between.
          if (this.stageSlice(now) === 0) break;
          await yieldToEventLoop();
          continue;
        }
        if (next.kind === "task") {
          await this.inflight;
          await this.runTask(next);
        }
      }
    } finally {
      this.running = false;
      if (this.queue.length > 0 && !this.closed) this.kick();
      else {
        this.armTimer();
        for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    }
  }

  /**
   * The calls of the next turn: every queued call up to `maxBatchMessages`, or, when no commit is
   * in flight, about half of them. Then the calls left over are evaluated while this turn commits,
   * and the two stages overlap from there on: senders that wait for their acknowledgement before
   * sending again would otherwise all land in one turn, and evaluation and commit would take turns.
   */
  private takeIngestGroup(): Extract<Item, { kind: "ingest" }>[] {
    const group: Extract<Item, { kind: "ingest" }>[] = [];
    const limit = this.committing
      ? this.options.maxBatchMessages
      : Math.min(this.options.maxBatchMessages, Math.ceil(this.queuedIngestRun() / 2));
    let count = 0;
    while (this.queue.length > 0 && this.queue[0].kind === "ingest") {
      const item = this.queue[0] as Extract<Item, { kind: "ingest" }>;
      if (group.length > 0 && count + item.messages.length > limit) break;
      this.queue.shift();
      group.push(item);
      count += item.messages.length;
      if (item.closesGroup) break;
    }
    return group;
  }

  /** Messages in the ingest calls at the head of the queue (up to the first task or deletion). */
  private queuedIngestRun(): number {
    let n = 0;
    for (const item of this.queue) {
      if (item.kind !== "ingest") break;
      n += item.messages.length;
      if (item.closesGroup) break;
    }
    return n;
  }

  /** Stages the next slice of timers due within the horizon; returns how many it took. */
  private stageSlice(now: number): number {
    const room = this.stagingRoom();
    if (room === 0) return 0;
    return this.runtime.stageDue(
      now + this.options.staging.aheadMs,
      Math.min(this.options.staging.slice, room),
    );
  }

  /** How many more timers may be staged now (0 with staging off or full). */
  private stagingRoom(): number {
    const { aheadMs, max } = this.options.staging;
    return aheadMs <= 0 ? 0 : Math.max(0, max - this.runtime.timers.stagedCount);
  }

  private async runGroup(group: Extract<Item, { kind: "ingest" }>[], now: number): Promise<void> {
    const batch = emptyBatch(this.runtime.workspaceId);
    const results: IngestResult[] = [];
    let turn: TimerTurn = { timers: 0, capped: false, evaluateMs: 0 };
    // Calls are stamped in queue order: the oldest one waiting saw least.
    const oldest = group[0] ?? this.queue.find((item) => item.kind === "ingest");
    this.recent.prune(oldest?.kind === "ingest" ? oldest.stamp : this.recent.durableTurns);
    const turnNo = this.recent.begin();
    try {
      const known = await Promise.all(group.map((g) => g.known));
      const started = performance.now();
      let messages = 0;
      for (const [i, g] of group.entries()) {
        // A messageId stored, applied by a turn its lookup did not see, or earlier in this group
        // is accepted and ignored.
        const seen = known[i];
        const fresh = g.messages.filter((m) => {
          const id = m.messageId;
          return id === undefined || (!seen.has(id) && this.recent.claim(id));
        });
        this.runtime.ingest(fresh, now, batch);
        messages += fresh.length;
        results.push({ accepted: fresh.length, duplicates: g.messages.length - fresh.length });
      }
      const lateness: number[] = [];
      const cap = this.pacer.cap;
      const timers = this.runtime.fireDue(now, cap, batch, lateness);
      const ws = this.runtime.workspaceId;
      const evaluateMs = performance.now() - started;
      turn = { timers, capped: timers >= cap, evaluateMs };
      this.observer?.turn(ws, { messages, timers, evaluateSeconds: evaluateMs / 1000 });
      if (lateness.length > 0)
        this.observer?.timersLate(
          ws,
          lateness.map((ms) => ms / 1000),
        );
    } catch (e) {
      this.recent.forget(turnNo);
      await this.inflight;
      await this.reload(batch);
      for (const g of group) g.reject(e);
      return;
    }
    if (this.inflight !== null && !(await this.inflight)) {
      // That failure is handled once: later turns build on the reloaded memory and commit as usual.
      this.inflight = null;
      this.recent.forget(turnNo);
      await this.reload(batch);
      const refused = new Error("an earlier commit failed; this batch was not stored");
      for (const g of group) g.reject(refused);
      return;
    }
    this.inflight = this.commitAndAnswer(batch, group, results, turn, turnNo);
  }

  private async commitAndAnswer(
    batch: WriteBatch,
    group: Extract<Item, { kind: "ingest" }>[],
    results: IngestResult[],
    turn: TimerTurn,
    turnNo: number,
  ): Promise<boolean> {
    this.committing = true;
    try {
      const started = performance.now();
      await this.commit(batch);
      this.recent.committed(turnNo);
      this.pacer.observe(turn.timers, turn.evaluateMs + performance.now() - started, turn.capped);
      for (const [i, g] of group.entries()) g.resolve(results[i]);
      return true;
    } catch (e) {
      this.recent.forget(turnNo);
      await this.reload(batch);
      for (const g of group) g.reject(e);
      return false;
    } finally {
      this.committing = false;
    }
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
    // Timers set by this turn are armed before its callers hear back.
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
      this.runtime.setDue(id, this.clock.now());
    }
  }

  private armTimer(): void {
    if (this.closed) return;
    // The earliest due instant, or earlier to stage what falls due after it within the horizon.
    let at = this.runtime.timers.peek();
    const unstaged = this.runtime.timers.peekUnstaged();
    if (unstaged !== null && this.stagingRoom() > 0)
      at = Math.min(at ?? Number.POSITIVE_INFINITY, unstaged - this.options.staging.aheadMs);
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

/** What a turn did about timers, for the pacer once its commit is done. */
interface TimerTurn {
  timers: number;
  /** Whether it took as many as it was allowed. */
  capped: boolean;
  evaluateMs: number;
}

/** Runs of messages without deletions, each deletion a part of its own, in order. */
function splitAtDeletions(messages: IngestMessage[]): IngestMessage[][] {
  if (!messages.some((m) => m.type === "delete")) return [messages];
  const parts: IngestMessage[][] = [];
  let run: IngestMessage[] = [];
  for (const m of messages) {
    if (m.type !== "delete") {
      run.push(m);
      continue;
    }
    if (run.length > 0) parts.push(run);
    parts.push([m]);
    run = [];
  }
  if (run.length > 0) parts.push(run);
  return parts;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
