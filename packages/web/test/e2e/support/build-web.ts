import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const WEB = fileURLToPath(new URL("../../../", import.meta.url));
const LOCK = join(WEB, ".dist-build.lock");
const STALE_LOCK_MS = 180_000;

/**
 * The production bundle the server serves, rebuilt only when a source is newer than it. Test
 * files run in parallel: a lock lets one build while the others wait, then reuse its output
 * (two builds would empty dist/ under each other's browsers).
 */
export async function buildWeb(): Promise<void> {
  await acquire();
  try {
    if (builtAfter() > newestSource()) return;
    await build({ configFile: join(WEB, "vite.config.ts"), logLevel: "warn" });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function acquire(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      // A builder that died leaves its lock: take it over once it is clearly stale.
      if (Date.now() - mtime(LOCK) > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function builtAfter(): number {
  return mtime(join(WEB, "dist", "index.html"));
}

function newestSource(): number {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : mtime(join(dir, e.name)),
      ),
    );
  return Math.max(
    newest(join(WEB, "src")),
    newest(join(WEB, "..", "core", "src")), // the page validates rules with the core
    mtime(join(WEB, "index.html")),
    mtime(join(WEB, "vite.config.ts")),
  );
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
