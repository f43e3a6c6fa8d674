import { BENCH_SIZES, type BenchSize } from "./bench-types.ts";
import { BENCHES } from "./registry.ts";

const USAGE = "usage: npm run bench -- [name...] [--size small|full]";

/** A mistake in the command line: reported as one line, without a stack. */
class UsageError extends Error {}

/**
 * `npm run bench -- [name...] [--size small|full]`: runs the named benchmarks (all when none is
 * named), printing each one's table and then its result as one JSON line.
 */
async function main(argv: readonly string[]): Promise<void> {
  const { names, size } = parseArgs(argv);
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length > 0) {
    throw new UsageError(
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
    const report = await BENCHES[name]({ size, log });
    process.stdout.write(`${report.table}\n${JSON.stringify(report.result)}\n`);
  }
}

function parseArgs(argv: readonly string[]): { names: string[]; size: BenchSize } {
  const names: string[] = [];
  let size: string = "full";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--size") size = argv[++i] ?? "";
    else if (arg.startsWith("--size=")) size = arg.slice("--size=".length);
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else names.push(arg);
  }
  if (!(BENCH_SIZES as readonly string[]).includes(size)) {
    throw new UsageError(`--size must be one of ${BENCH_SIZES.join(", ")}, not "${size}"`);
  }
  return { names, size: size as BenchSize };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) process.stderr.write(`${error.message}\n${USAGE}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
