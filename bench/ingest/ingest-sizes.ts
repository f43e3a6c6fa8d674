import type { BenchSize } from "../bench-types.ts";

/** Everything that differs between the small (CI) and the full size. */
export interface IngestSize {
  contacts: number;
  segments: "all" | "small";
  /** History load: messages per call and calls in flight. */
  load: { batch: number; inFlight: number };
  /** Closed-loop senders. */
  sustained: { senders: number; batch: number; durationMs: number };
  /** The paced sender: 100 messages every 10 ms = 10k messages/s offered. */
  paced: { batch: number; intervalMs: number; durationMs: number };
  /** The matview peer: messages per insert + refresh cycle, and how long to keep cycling. */
  peer: { batch: number; minStreamMs: number };
}

export const INGEST_SIZES: Record<BenchSize, IngestSize> = {
  small: {
    contacts: 2_000,
    segments: "small",
    load: { batch: 1_000, inFlight: 4 },
    sustained: { senders: 4, batch: 500, durationMs: 2_000 },
    paced: { batch: 100, intervalMs: 10, durationMs: 2_000 },
    peer: { batch: 1_000, minStreamMs: 1 },
  },
  full: {
    contacts: 100_000,
    segments: "all",
    load: { batch: 1_000, inFlight: 4 },
    sustained: { senders: 4, batch: 500, durationMs: 10_000 },
    paced: { batch: 100, intervalMs: 10, durationMs: 10_000 },
    peer: { batch: 1_000, minStreamMs: 20_000 },
  },
};

/** The data set's seed (the same contacts on every run) and the live traffic's. */
export const DATA_SEED = 20261129;
export const TRAFFIC_SEED = 7;
export const MEAN_EVENTS = 20;
