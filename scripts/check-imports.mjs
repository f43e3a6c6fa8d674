#!/usr/bin/env node
// Keeps the core pure: no I/O modules, no clock or randomness of its own, no imports from
// outside the package except its declared dependencies. Run by `npm run lint`.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const core = join(root, "packages/core/src");
const allowedPackages = new Set(
  Object.keys(JSON.parse(readFileSync(join(root, "packages/core/package.json"))).dependencies ?? {}),
);

const forbidden = [
  [/\bDate\.now\s*\(/, "Date.now(): time is a parameter (`now`) in the core"],
  [/\bnew Date\(\s*\)/, "new Date(): time is a parameter (`now`) in the core"],
  [/\bMath\.random\s*\(/, "Math.random(): the core is deterministic"],
  [/\bprocess\./, "process: the core does no I/O"],
  [/\bconsole\./, "console: the core does no I/O"],
];

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (p.endsWith(".ts")) yield p;
  }
}

const problems = [];
for (const file of files(core)) {
  const text = readFileSync(file, "utf8");
  const rel = relative(root, file);
  for (const m of text.matchAll(
    /(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
  )) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith(".")) {
      if (!resolve(file, "..", spec).startsWith(core))
        problems.push(`${rel}: imports ${spec} from outside packages/core/src`);
    } else {
      const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
      if (!allowedPackages.has(pkg)) problems.push(`${rel}: imports ${spec}, not a dependency of the core`);
    }
  }
  for (const [re, why] of forbidden) if (re.test(text)) problems.push(`${rel}: ${why}`);
}

if (problems.length > 0) {
  console.error(`core purity check failed:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log("core purity check: ok");
