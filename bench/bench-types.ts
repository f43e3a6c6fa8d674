/** `small` finishes in seconds (CI); `full` is the size the published figures come from. */
export type BenchSize = "small" | "full";
export const BENCH_SIZES: readonly BenchSize[] = ["small", "full"];

export interface BenchOptions {
  size: BenchSize;
  /** Progress lines (the CLI sends them to stderr, so stdout stays table + JSON). */
  log?: (line: string) => void;
}

/** What every benchmark hands back: a table for people and one JSON object for machines. */
export interface BenchReport {
  table: string;
  result: { bench: string; unit: string };
}

export type BenchRunner = (options: BenchOptions) => Promise<BenchReport>;
