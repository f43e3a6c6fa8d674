import { SegmentsService } from "../../packages/server/src/service/segments-service.ts";
import type { Workspace } from "../../packages/server/src/service/workspace.ts";
import type { Store } from "../../packages/server/src/store/store.ts";
import type { BenchSegment } from "./bench-segments.ts";
import { CommitLog } from "./commit-log.ts";

export const WORKSPACE_ID = "ws_bench";

export interface RunningService {
  service: SegmentsService;
  workspace: Workspace;
  commits: CommitLog;
}

/** Opens the service on an empty store (system clock), with one workspace holding `segments`. */
export async function startService(store: Store, segments: readonly BenchSegment[]): Promise<RunningService> {
  const service = await SegmentsService.open({ store });
  const workspace = await service.createWorkspace({
    id: WORKSPACE_ID,
    name: "Ingest benchmark",
    apiKeyHash: "0".repeat(64),
    createdAt: Date.now(),
  });
  for (const s of segments) await workspace.createSegment({ id: s.id, name: s.name, rule: s.rule });
  return { service, workspace, commits: new CommitLog(workspace.pipeline) };
}

/** Opens the service on a store that already holds the workspace (restart timing). */
export async function reopenService(store: Store, snapshotDir?: string): Promise<RunningService> {
  const service = await SegmentsService.open({ store, ...(snapshotDir !== undefined && { snapshotDir }) });
  const workspace = service.workspace(WORKSPACE_ID);
  return { service, workspace, commits: new CommitLog(workspace.pipeline) };
}
