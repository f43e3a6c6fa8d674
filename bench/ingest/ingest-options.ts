import { type BenchOptions, type BenchSize, BenchUsageError } from "../bench-types.ts";
import { STORE_KINDS, type StoreKind } from "./bench-store.ts";

export type PeerMode = "auto" | "on" | "off";

/** What one run does, from `--size` and the ingest benchmark's own options. */
export interface IngestOptions {
  size: BenchSize;
  store: StoreKind;
  /** auto: the matview peer runs when PostgreSQL answers; on: it must; off: never. */
  peer: PeerMode;
  /** Set by `--contacts N`: the separate large-state run (load N contacts, heap, restart time). */
  contacts?: number;
}

const KNOWN = ["store", "peer", "contacts"];

/**
 * Reads `--store leveldb|sqlite|postgres` (default: leveldb, the service's embedded default),
 * `--peer auto|on|off` and `--contacts N`; refuses anything else.
 */
export function ingestOptions({ size, flags = {} }: BenchOptions): IngestOptions {
  const unknown = Object.keys(flags).filter((k) => !KNOWN.includes(k));
  if (unknown.length > 0)
    throw new BenchUsageError(
      `ingest: unknown option --${unknown[0]} (known: ${KNOWN.map((k) => `--${k}`).join(", ")})`,
    );
  const store = flags.store ?? "leveldb";
  if (!(STORE_KINDS as readonly string[]).includes(store)) {
    throw new BenchUsageError(`--store must be one of ${STORE_KINDS.join(", ")}, not "${store}"`);
  }
  const peer = flags.peer ?? "auto";
  if (peer !== "auto" && peer !== "on" && peer !== "off")
    throw new BenchUsageError(`--peer must be auto, on or off, not "${peer}"`);
  const options: IngestOptions = { size, store: store as StoreKind, peer };
  if (flags.contacts !== undefined) {
    const n = Number(flags.contacts);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new BenchUsageError(`--contacts must be a positive integer, not "${flags.contacts}"`);
    options.contacts = n;
  }
  return options;
}
