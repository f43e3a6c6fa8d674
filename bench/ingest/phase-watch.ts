import type { PipelineObserver } from "../../packages/server/src/pipeline/pipeline-observer.ts";
import { type GcPauses, watchGc } from "./gc-pauses.ts";
import { type TurnFigures, watchTurns } from "./turn-watch.ts";

/** What a phase's messages waited for besides their own work: the collector and the pipeline's turns. */
export interface PhaseWatch {
  gc: GcPauses;
  turns: TurnFigures;
}

/**
 * Watches the main thread's GC pauses and the pipeline's turns for one phase.
 * @example const watch = watchPhase(workspace.pipeline); await phase(); const { gc, turns } = watch.stop();
 */
export function watchPhase(pipeline: { observer: PipelineObserver | undefined }): { stop(): PhaseWatch } {
  const gc = watchGc();
  const turns = watchTurns(pipeline);
  return { stop: () => ({ gc: gc.stop(), turns: turns.stop() }) };
}
