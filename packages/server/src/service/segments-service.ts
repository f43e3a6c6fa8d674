import { type Clock, systemClock } from "../clock/clock.ts";
import type { PipelineObserver } from "../pipeline/pipeline-observer.ts";
import { type PipelineOptions, WorkspacePipeline } from "../pipeline/workspace-pipeline.ts";
import { WorkspaceRuntime } from "../runtime/workspace-runtime.ts";
import type { WorkspaceRecord } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { ConflictError, NotFoundError } from "./errors.ts";
import { Workspace } from "./workspace.ts";

export interface ServiceOptions {
  store: Store;
  clock?: Clock;
  pipeline?: Partial<PipelineOptions>;
}

/**
 * The engine room: every workspace's runtime rebuilt from the store at start, then kept live by
 * ingestion and timers. Everything it answers about membership is also durable in the store.
 */
export class SegmentsService {
  private readonly workspaces = new Map<string, Workspace>();
  private observer: PipelineObserver | undefined;

  private constructor(
    readonly store: Store,
    readonly clock: Clock,
    private readonly pipelineOptions: Partial<PipelineOptions>,
  ) {}

  /** Migrates the store, rebuilds every workspace and catches up on what fell due while down. */
  static async open(options: ServiceOptions): Promise<SegmentsService> {
    const service = new SegmentsService(options.store, options.clock ?? systemClock, options.pipeline ?? {});
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

  async close(): Promise<void> {
    for (const w of this.workspaces.values()) await w.pipeline.close();
    this.workspaces.clear();
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
    const runtime = new WorkspaceRuntime(workspaceId, segments);
    for await (const chunk of this.store.streamContacts(workspaceId))
      for (const c of chunk) runtime.loadContact(c);
    for await (const chunk of this.store.streamMemberships(workspaceId)) {
      for (const m of chunk) runtime.loadMembership(m.segmentId, m.contactId);
    }
    const pipeline = new WorkspacePipeline(this.store, runtime, this.clock, this.pipelineOptions);
    pipeline.observer = this.observer;
    // Whatever changed while the service was down (windows that expired, relative dates that
    // passed) is recorded now, before any new message is taken. Only time can have changed a
    // stored membership (facts and memberships commit together), so the pass evaluates the
    // time-dependent segments, and those whose backfill was cut short.
    await pipeline.exclusive((batch, now) => {
      batch.segments.push(...resumed);
      runtime.reevaluateAll(
        now,
        batch,
        resumed.map((s) => s.id),
      );
    });
    pipeline.wake();
    const workspace = new Workspace(workspaceId, this.store, pipeline, segments, lists);
    this.workspaces.set(workspaceId, workspace);
    return workspace;
  }
}
