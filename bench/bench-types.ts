/** `small` finishes in seconds (CI); `full` is the size the published figures come from. */
export type BenchSize = "small" | "full";
export const BENCH_SIZES: readonly BenchSize[] = ["small", "full"];

export interface BenchOptions {
  size: BenchSize;
  /** Progress lines (the CLI sends them to stderr, so stdout stays table + JSON). */
  log?: (line: string) => void;
  /**
   * Options other than `--size` (`--store postgres` gives `{ store: "postgres" }`): each benchmark
   * reads the ones it knows and throws a `BenchUsageError` for any other.
   */
  flags?: Readonly<Record<string, string>>;
}

/** A mistake in the command line: the CLI reports it as one line, without a stack. */
export class BenchUsageError extends Error {}

/** What every benchmark hands back: a table for people and one JSON object for machines. */
export interface BenchReport {
  table: string;
  result: { bench: string; unit: string };
}

export type BenchRunner = (options: BenchOptions) => Promise<BenchReport>;
