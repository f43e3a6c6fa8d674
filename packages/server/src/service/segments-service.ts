import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Clock, systemClock } from "../clock/clock.ts";
import type { PipelineObserver } from "../pipeline/pipeline-observer.ts";
import { type PipelineOptions, WorkspacePipeline } from "../pipeline/workspace-pipeline.ts";
import {
  type RuntimeImage,
  readSnapshot,
  type SnapshotKey,
  segmentsKey,
  writeSnapshot,
} from "../runtime/runtime-snapshot.ts";
import { WorkspaceRuntime } from "../runtime/workspace-runtime.ts";
import type { SegmentRecord, WorkspaceRecord } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { ConflictError, NotFoundError } from "./errors.ts";
import { Workspace } from "./workspace.ts";

export interface ServiceOptions {
  store: Store;
  clock?: Clock;
  pipeline?: Partial<PipelineOptions>;
  /**
   * Where each workspace's derived state is written when the service closes, and read back at
   * the next start if nothing was committed meanwhile; unset: every start rebuilds from the store.
   */
  snapshotDir?: string;
  /** Told how each workspace started and of snapshots that could not be written. */
  log?: (level: "info" | "warn", message: string) => void;
}

/** How a workspace's runtime was built at start. */
export interface StartReport {
  source: "snapshot" | "store";
  /** Why the snapshot was not used (source "store"). */
  reason?: string;
  contacts: number;
  ms: number;
}

/**
 * The engine room: every workspace's runtime rebuilt from the store at start, then kept live by
 * ingestion and timers. Everything it answers about membership is also durable in the store.
 */
export class SegmentsService {
  private readonly workspaces = new Map<string, Workspace>();
  private observer: PipelineObserver | undefined;
  /** How each workspace loaded at start (or when created). */
  readonly starts = new Map<string, StartReport>();

  private constructor(
    readonly store: Store,
    readonly clock: Clock,
    private readonly pipelineOptions: Partial<PipelineOptions>,
    private readonly snapshotDir: string | undefined,
    private readonly log: (level: "info" | "warn", message: string) => void,
  ) {}

  /** Migrates the store, rebuilds every workspace and catches up on what fell due while down. */
  static async open(options: ServiceOptions): Promise<SegmentsService> {
    const service = new SegmentsService(
      options.store,
      options.clock ?? systemClock,
      options.pipeline ?? {},
      options.snapshotDir,
      options.log ?? (() => {}),
    );
    await options.store.migrate();
    for (const w of await options.store.listWorkspaces()) await service.load(w.id);
    return service;
  }

  async createWorkspace(w: WorkspaceRecord): Promise<Workspace> {
    if (this.workspaces.has(w.id)) throw new ConflictError(`workspace ${w.id} already exists`);
    await this.store.createWorkspace(w);
    return this.load(w.id);
  }

  workspace(id: string): Workspace {
    const w = this.workspaces.get(id);
    if (w === undefined) throw new NotFoundError("workspace", id);
    return w;
  }

  /** Every workspace loaded (metrics read their queue depths). */
  allWorkspaces(): Workspace[] {
    return [...this.workspaces.values()];
  }

  /** Reports every workspace's pipeline work, now and for workspaces created later, to `observer`. */
  observe(observer: PipelineObserver): void {
    this.observer = observer;
    for (const w of this.workspaces.values()) w.pipeline.observer = observer;
  }

  /** Finishes every workspace's queued work, then writes their snapshots (when configured). */
  async close(): Promise<void> {
    for (const w of this.workspaces.values()) await w.pipeline.close();
    if (this.snapshotDir !== undefined) {
      for (const w of this.workspaces.values()) await this.saveSnapshot(w, this.snapshotDir);
    }
    this.workspaces.clear();
  }

  private async saveSnapshot(w: Workspace, dir: string): Promise<void> {
    const path = snapshotPath(dir, w.id);
    try {
      mkdirSync(dir, { recursive: true });
      const segments = w.listSegments();
      // A backfill cut short: the next start computes it from the store, so no snapshot applies.
      if (segments.some((s) => s.status === "computing")) {
        rmSync(path, { force: true });
        return;
      }
      writeSnapshot(path, await this.snapshotKey(w.id, segments, w.runtime), w.runtime.image());
    } catch (e) {
      rmSync(path, { force: true });
      this.log("warn", `workspace ${w.id}: no snapshot written (${e instanceof Error ? e.message : e})`);
    }
  }

  /** The workspace's snapshot if it applies to what the store holds now, else why not. */
  private async snapshotFor(
    workspaceId: string,
    segments: readonly SegmentRecord[],
    runtime: WorkspaceRuntime,
  ): Promise<RuntimeImage | string> {
    if (this.snapshotDir === undefined) return "snapshots are off";
    if (segments.some((s) => s.status === "computing")) return "a segment was still computing";
    const key = await this.snapshotKey(workspaceId, segments, runtime);
    try {
      return readSnapshot(snapshotPath(this.snapshotDir, workspaceId), key, runtime.segmentEngine);
    } catch (e) {
      return `unreadable snapshot (${e instanceof Error ? e.message : e})`;
    }
  }

  /** What a snapshot must have been taken with to apply: the same for writing and reading it. */
  private async snapshotKey(
    workspaceId: string,
    segments: readonly SegmentRecord[],
    runtime: WorkspaceRuntime,
  ): Promise<SnapshotKey> {
    return {
      workspaceId,
      commits: await this.store.commitCount(workspaceId),
      segments: segmentsKey(segments),
      layout: runtime.segmentEngine.layout.signature(),
    };
  }

  private async load(workspaceId: string): Promise<Workspace> {
    // A segment still `computing` was being backfilled when the service stopped: the states built
    // below read its facts, so its membership is computed by the catch-up pass like any other.
    const stored = await this.store.listSegments(workspaceId);
    const resumed = stored
      .filter((s) => s.status === "computing")
      .map((s) => ({ ...s, status: "live" as const }));
    const segments = stored.map((s) => resumed.find((r) => r.id === s.id) ?? s);
    const lists = (await this.store.listLists(workspaceId)).map((l) => l.id);
    const started = performance.now();
    const runtime = new WorkspaceRuntime(workspaceId, segments);
    const image = await this.snapshotFor(workspaceId, stored, runtime);
    if (typeof image !== "string") runtime.restore(image, this.clock.now());
    else {
      // Nothing writes before the pipeline starts: the store may read ahead.
      for await (const chunk of this.store.streamContacts(workspaceId, undefined, { readAhead: true }))
        for (const c of chunk) runtime.loadContact(c);
      for await (const chunk of this.store.streamMemberships(workspaceId)) {
        for (const m of chunk) runtime.loadMembership(m.segmentId, m.contactId);
      }
    }
    const pipeline = new WorkspacePipeline(this.store, runtime, this.clock, this.pipelineOptions);
    pipeline.observer = this.observer;
    // Whatever changed while the service was down (windows that expired, relative dates that
    // passed) is recorded now, before any new message is taken. Only time can have changed a
    // stored membership (facts and memberships commit together), so the pass evaluates the
    // time-dependent segments, and those whose backfill was cut short.
    // From a snapshot, the states hold every time-dependent segment's next change: firing the
    // timers that fell due does the same.
    await pipeline.exclusive((batch, now) => {
      batch.segments.push(...resumed);
      if (typeof image !== "string") while (runtime.fireDue(now, 10_000, batch) > 0);
      else
        runtime.reevaluateAll(
          now,
          batch,
          resumed.map((s) => s.id),
        );
    });
    pipeline.wake();
    const report: StartReport = {
      source: typeof image === "string" ? "store" : "snapshot",
      ...(typeof image === "string" ? { reason: image } : {}),
      contacts: runtime.contacts.size,
      ms: Math.round(performance.now() - started),
    };
    this.starts.set(workspaceId, report);
    this.log(
      "info",
      `workspace ${workspaceId}: ${report.contacts} contacts loaded from the ${report.source} in ${report.ms} ms`,
    );
    const workspace = new Workspace(workspaceId, this.store, pipeline, segments, lists);
    this.workspaces.set(workspaceId, workspace);
    return workspace;
  }
}

/** One file per workspace; the id is hex-encoded, so any id makes a safe file name. */
function snapshotPath(dir: string, workspaceId: string): string {
  return join(dir, `${Buffer.from(workspaceId).toString("hex")}.snapshot`);
}
