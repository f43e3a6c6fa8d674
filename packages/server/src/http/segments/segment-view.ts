import type { BackfillProgress } from "../../service/workspace.ts";
import type { SegmentRecord } from "../../store/records.ts";
import type { Store } from "../../store/store.ts";
import type { Segment } from "./segment-schemas.ts";

/** A segment as the API shows it, with its stored member count. */
export async function segmentView(
  store: Store,
  s: SegmentRecord,
  progress?: BackfillProgress,
): Promise<Segment> {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    rule: s.rule,
    size: await store.memberCount(s.workspaceId, s.id),
    status: s.status,
    ...(progress === undefined ? {} : { progress: { read: progress.read, total: progress.total } }),
    version: s.version,
    created_at: new Date(s.createdAt).toISOString(),
    updated_at: new Date(s.updatedAt).toISOString(),
  };
}
