import { runApiBench } from "./api/api-bench.ts";
import type { BenchRunner } from "./bench-types.ts";
import { runEvaluatorBench } from "./evaluator/evaluator-bench.ts";
import { runIngestBench } from "./ingest/ingest-bench.ts";
import { runPreviewBench } from "./preview/preview-bench.ts";

/** Every benchmark, by the name given to `npm run bench -- <name>`; run in this order by default. */
export const BENCHES: Readonly<Record<string, BenchRunner>> = {
  evaluator: runEvaluatorBench,
  ingest: runIngestBench,
  preview: runPreviewBench,
  api: runApiBench,
};
