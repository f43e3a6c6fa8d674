import type { PipelineObserver } from "../../packages/server/src/pipeline/pipeline-observer.ts";
import { type Distribution, distribution } from "./stats.ts";

/** The pipeline's turns during one phase: what a message waits for besides the collector. */
export interface TurnFigures {
  /** Turns that applied messages or fired timers. */
  turns: number;
  /** Messages per turn (mean). */
  messagesPerTurn: number;
  /** Each turn's evaluation in memory, ms. */
  evaluate: Distribution;
  /** Each turn's commit, from handing the batch to the store until the main thread heard it was durable, ms. */
  commit: Distribution;
}

/**
 * Watches the pipeline's observer hook for a phase, passing every report on to the observer
 * that was there before (the service's metrics), which `stop` puts back.
 * @example const turns = watchTurns(workspace.pipeline); await phase(); const figures = turns.stop();
 */
export function watchTurns(pipeline: { observer: PipelineObserver | undefined }): { stop(): TurnFigures } {
  const previous = pipeline.observer;
  const evaluate: number[] = [];
  const commit: number[] = [];
  let messages = 0;
  pipeline.observer = {
    turn(ws, t) {
      evaluate.push(t.evaluateSeconds * 1000);
      messages += t.messages;
      previous?.turn(ws, t);
    },
    commit(ws, seconds) {
      commit.push(seconds * 1000);
      previous?.commit(ws, seconds);
    },
    timersLate(ws, seconds) {
      previous?.timersLate(ws, seconds);
    },
  };
  return {
    stop() {
      pipeline.observer = previous;
      const turns = evaluate.length;
      return {
        turns,
        messagesPerTurn: turns === 0 ? 0 : messages / turns,
        evaluate: distribution(evaluate),
        commit: distribution(commit),
      };
    },
  };
}
