import type { Workspace } from "../../packages/server/src/service/workspace.ts";

/** Mean of the engine's `stateBytes` estimate over the workspace's contacts. */
export function stateBytesPerContact(workspace: Workspace): number {
  const runtime = workspace.runtime;
  let bytes = 0;
  for (const entry of runtime.contacts.values()) bytes += runtime.segmentEngine.stateBytes(entry.state);
  return runtime.contacts.size === 0 ? 0 : bytes / runtime.contacts.size;
}
