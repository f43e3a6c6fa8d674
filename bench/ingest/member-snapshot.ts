import type { Workspace } from "../../packages/server/src/service/workspace.ts";

/**
 * Each segment's member count at instant `at`, evaluated from the runtime's in-memory states
 * (the same engine the pipeline uses), for the comparison with the peer at a pinned "now".
 */
export function memberCountsAt(workspace: Workspace, at: number): Map<string, number> {
  const runtime = workspace.runtime;
  const engine = runtime.segmentEngine;
  const counts = new Map<string, number>(engine.order.map((id) => [id, 0]));
  for (const state of runtime.contacts.values()) {
    for (const [id, m] of engine.evaluateAll(state, at))
      if (m.member) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
