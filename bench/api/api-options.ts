import { type BenchOptions, type BenchSize, BenchUsageError } from "../bench-types.ts";
import { STORE_KINDS, type StoreKind } from "../ingest/bench-store.ts";

/** What one run of the API benchmark does. */
export interface ApiBenchOptions {
  size: BenchSize;
  store: StoreKind;
  /** Contacts loaded before the run (the population member checks and previews look at). */
  contacts: number;
  /** How long the senders post batches, in seconds. */
  durationS: number;
  /** How long member checks and previews are timed on the idle server first, in seconds. */
  idleS: number;
  senders: number;
  messagesPerCall: number;
}

/** `small` is what CI runs (a few seconds); `full` gives the published figures. */
export const API_SIZES: Record<BenchSize, Omit<ApiBenchOptions, "size" | "store">> = {
  small: { contacts: 1_000, durationS: 3, idleS: 1, senders: 4, messagesPerCall: 1_000 },
  full: { contacts: 20_000, durationS: 30, idleS: 5, senders: 4, messagesPerCall: 1_000 },
};

const KNOWN = ["store", "duration"];

/** Reads `--store sqlite|postgres` and `--duration <seconds>`; refuses any other option. */
export function apiBenchOptions({ size, flags = {} }: BenchOptions): ApiBenchOptions {
  const unknown = Object.keys(flags).filter((k) => !KNOWN.includes(k));
  if (unknown.length > 0) {
    throw new BenchUsageError(`api: unknown option --${unknown[0]} (known: --store, --duration)`);
  }
  const store = flags.store ?? "sqlite";
  if (!(STORE_KINDS as readonly string[]).includes(store)) {
    throw new BenchUsageError(`--store must be one of ${STORE_KINDS.join(", ")}, not "${store}"`);
  }
  const options: ApiBenchOptions = { size, store: store as StoreKind, ...API_SIZES[size] };
  if (flags.duration !== undefined) {
    const s = Number(flags.duration);
    if (!Number.isFinite(s) || s <= 0) {
      throw new BenchUsageError(`--duration must be a positive number of seconds, not "${flags.duration}"`);
    }
    options.durationS = s;
  }
  return options;
}
