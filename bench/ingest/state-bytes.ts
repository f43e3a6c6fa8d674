import { ColumnarDataset } from "../../packages/core/src/set/index.ts";
import type { Workspace } from "../../packages/server/src/service/workspace.ts";
import type { GeneratedContact } from "../data/contact-generator.ts";
import { contactMessages } from "../data/contact-messages.ts";
import { settledHeap } from "../evaluator/measure.ts";

/** Mean of the engine's `stateBytes` estimate over the workspace's contacts. */
export function stateBytesPerContact(workspace: Workspace): number {
  const runtime = workspace.runtime;
  let bytes = 0;
  for (const state of runtime.contacts.values()) bytes += runtime.segmentEngine.stateBytes(state);
  return runtime.contacts.size === 0 ? 0 : bytes / runtime.contacts.size;
}

/**
 * What the preview dataset (every fact and event as columns, for set evaluation) holds per
 * contact, measured: the heap growth while a second dataset is built from the same contacts'
 * messages, as the runtime builds its own. Subtracted from the service's heap growth, it leaves
 * the engine's share.
 */
export function datasetHeapPerContact(workspaceId: string, contacts: Iterable<GeneratedContact>): number {
  const before = settledHeap();
  const dataset = new ColumnarDataset(workspaceId);
  let n = 0;
  for (const c of contacts) {
    dataset.ensureContact(c.id);
    for (const m of contactMessages(c)) dataset.apply(c.id, m);
    n += 1;
  }
  const bytes = settledHeap() - before;
  // Kept alive until measured.
  if (dataset.contactCount !== n) throw new Error("dataset lost contacts");
  return n === 0 ? 0 : bytes / n;
}
