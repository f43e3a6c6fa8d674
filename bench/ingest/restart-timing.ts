import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { settledHeap } from "../evaluator/measure.ts";
import { reopenService, WORKSPACE_ID } from "./bench-service.ts";
import type { BenchStore } from "./bench-store.ts";
import { epochNow } from "./commit-log.ts";

export interface RestartFigures {
  /** `SegmentsService.open` with no snapshot: states rebuilt from the stored facts. */
  startMs: number;
  /** Heap growth (after full GCs) from before that open to after it, per contact. */
  heapBytesPerContact: number;
  /** `close` writing the snapshot, its size, and the next open, which loads it. */
  snapshotWriteMs: number;
  snapshotBytes: number;
  snapshotStartMs: number;
  snapshotHeapBytesPerContact: number;
}

/**
 * Start time and heap of a service on the bench store (every previous store closed), twice:
 * rebuilt from the stored facts, then (after a clean close that writes a snapshot) from the snapshot.
 */
export async function measureRestart(bench: BenchStore, contacts: number): Promise<RestartFigures> {
  const snapshotDir = mkdtempSync(join(tmpdir(), "segments-snapshots-"));
  try {
    const rebuilt = await timedOpen(bench, contacts, snapshotDir, "store");
    const loaded = await timedOpen(bench, contacts, snapshotDir, "snapshot");
    return {
      startMs: rebuilt.startMs,
      heapBytesPerContact: rebuilt.heapBytesPerContact,
      snapshotWriteMs: rebuilt.closeMs,
      snapshotBytes: rebuilt.snapshotBytes,
      snapshotStartMs: loaded.startMs,
      snapshotHeapBytesPerContact: loaded.heapBytesPerContact,
    };
  } finally {
    rmSync(snapshotDir, { recursive: true, force: true });
  }
}

async function timedOpen(
  bench: BenchStore,
  contacts: number,
  snapshotDir: string,
  expected: "store" | "snapshot",
) {
  const heapBefore = settledHeap();
  const store = bench.open();
  try {
    const t0 = epochNow();
    const run = await reopenService(store, snapshotDir);
    const startMs = epochNow() - t0;
    const source = run.service.starts.get(WORKSPACE_ID)?.source;
    if (source !== expected) throw new Error(`the service started from the ${source}, not the ${expected}`);
    const heapBytesPerContact = (settledHeap() - heapBefore) / contacts;
    const t1 = epochNow();
    await run.service.close();
    const closeMs = epochNow() - t1;
    const snapshotBytes = readdirSync(snapshotDir).reduce(
      (n, f) => n + statSync(join(snapshotDir, f)).size,
      0,
    );
    return { startMs, heapBytesPerContact, closeMs, snapshotBytes };
  } finally {
    await store.close();
  }
}
