import { BENCH_SIZES, type BenchSize, BenchUsageError } from "./bench-types.ts";
import { BENCHES } from "./registry.ts";

const USAGE =
  "usage: npm run bench -- [name...] [--size small|full] [--option value...]\n" +
  "  ingest: [--store sqlite|postgres] [--contacts N] (docs/benchmarks.md)";

/**
 * `npm run bench -- [name...] [--size small|full] [--option value...]`: runs the named benchmarks
 * (all when none is named), printing each one's table and then its result as one JSON line.
 * Options other than `--size` go to the benchmarks, which refuse the ones they do not know.
 */
async function main(argv: readonly string[]): Promise<void> {
  const { names, size, flags } = parseArgs(argv);
  if (names.length === 0 && Object.keys(flags).length > 0) {
    throw new BenchUsageError("options other than --size belong to one benchmark: name it");
  }
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length > 0) {
    throw new BenchUsageError(
      `unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(BENCHES).join(", ")}`,
    );
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const log = (line: string) => {
      const wall = ((performance.now() - t0) / 1000).toFixed(1);
      const { user, system } = process.cpuUsage(cpu0);
      const cpu = ((user + system) / 1e6).toFixed(1);
      process.stderr.write(`[${name} +${wall}s, cpu ${cpu}s] ${line}\n`);
    };
    const report = await BENCHES[name]({ size, log, flags });
    process.stdout.write(`${report.table}\n${JSON.stringify(report.result)}\n`);
  }
}

function parseArgs(argv: readonly string[]): {
  names: string[];
  size: BenchSize;
  flags: Record<string, string>;
} {
  const names: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("-")) {
      names.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const key = arg.slice(2, eq < 0 ? undefined : eq);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (!arg.startsWith("--") || key === "" || value === undefined || value.startsWith("--")) {
      throw new BenchUsageError(`option ${arg} needs a value (--name value or --name=value)`);
    }
    flags[key] = value;
  }
  const { size = "full", ...rest } = flags;
  if (!(BENCH_SIZES as readonly string[]).includes(size)) {
    throw new BenchUsageError(`--size must be one of ${BENCH_SIZES.join(", ")}, not "${size}"`);
  }
  return { names, size: size as BenchSize, flags: rest };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof BenchUsageError) process.stderr.write(`${error.message}\n${USAGE}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = error instanceof BenchUsageError ? 2 : 1;
});
