import { LiveTraffic } from "./bench-messages.ts";
import type { RunningService } from "./bench-service.ts";
import { type ChangeLatency, changeLatency, readChanges } from "./change-latency.ts";
import { type IngestSize, TRAFFIC_SEED } from "./ingest-sizes.ts";
import { pacedSend } from "./paced-sender.ts";

/**
 * Paced traffic at a fixed offered rate (traffic stream `stream`), then the membership changes
 * it caused read back from the log and matched to their commits.
 */
export async function latencyRun(
  { service, workspace, commits }: RunningService,
  paced: IngestSize["paced"],
  contacts: number,
  stream: number,
  log: (line: string) => void,
): Promise<ChangeLatency> {
  const offered = (paced.batch / paced.intervalMs) * 1000;
  log(`3 latency at ${offered} messages/s offered for ${paced.durationMs} ms`);
  const seqBefore = await service.store.lastSeq(workspace.id);
  const batches = await pacedSend(workspace, new LiveTraffic(stream, contacts, TRAFFIC_SEED), {
    ...paced,
    done: (elapsed) => elapsed >= paced.durationMs,
    maxMs: paced.durationMs,
  });
  const changes = await readChanges(service.store, workspace.id, seqBefore);
  return changeLatency(changes, commits, batches, offered);
}
