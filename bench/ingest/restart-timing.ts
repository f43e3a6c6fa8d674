import { settledHeap } from "../evaluator/measure.ts";
import { reopenService } from "./bench-service.ts";
import type { BenchStore } from "./bench-store.ts";
import { epochNow } from "./commit-log.ts";

export interface RestartFigures {
  /** `SegmentsService.open` on the store the run filled: states rebuilt from the stored facts. */
  startMs: number;
  /** Heap growth (after full GCs) from before the open to after it, per contact. */
  heapBytesPerContact: number;
}

/** Start time and heap of a service rebuilt from the bench store (every previous store closed). */
export async function measureRestart(bench: BenchStore, contacts: number): Promise<RestartFigures> {
  const heapBefore = settledHeap();
  const store = bench.open();
  try {
    const t0 = epochNow();
    const run = await reopenService(store);
    const startMs = epochNow() - t0;
    const heapBytesPerContact = (settledHeap() - heapBefore) / contacts;
    await run.service.close();
    return { startMs, heapBytesPerContact };
  } finally {
    await store.close();
  }
}
