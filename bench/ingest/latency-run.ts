import { LiveTraffic } from "./bench-messages.ts";
import type { RunningService } from "./bench-service.ts";
import { type ChangeLatency, changeLatency, readChanges } from "./change-latency.ts";
import { type IngestSize, TRAFFIC_SEED } from "./ingest-sizes.ts";
import { pacedSend } from "./paced-sender.ts";
import { type PhaseWatch, watchPhase } from "./phase-watch.ts";

/** A latency phase's figures with the main thread's collector pauses and the pipeline's turns during it. */
export type LatencyFigures = ChangeLatency & PhaseWatch;

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
): Promise<LatencyFigures> {
  const offered = (paced.batch / paced.intervalMs) * 1000;
  log(`3 latency at ${offered} messages/s offered for ${paced.durationMs} ms`);
  const seqBefore = await service.store.lastSeq(workspace.id);
  const watch = watchPhase(workspace.pipeline);
  const batches = await pacedSend(workspace, new LiveTraffic(stream, contacts, TRAFFIC_SEED), {
    ...paced,
    done: (elapsed) => elapsed >= paced.durationMs,
    maxMs: paced.durationMs,
  });
  // Stopped before the changes are read back: that reading is the benchmark's, not the pipeline's.
  const phase = watch.stop();
  const changes = await readChanges(service.store, workspace.id, seqBefore);
  return { ...changeLatency(changes, commits, batches, offered), ...phase };
}
