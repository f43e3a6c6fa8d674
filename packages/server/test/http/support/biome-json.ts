import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIOME = fileURLToPath(new URL("../../../../../node_modules/.bin/biome", import.meta.url));

/**
 * `value` as JSON, formatted by the repository's Biome: a snapshot file written so stays
 * lint-clean (`biome check .` reads it too), and equal to what Biome would make of it.
 */
export function biomeJson(value: unknown, fileName: string): string {
  return execFileSync(BIOME, ["format", `--stdin-file-path=${fileName}`], {
    input: JSON.stringify(value),
    encoding: "utf8",
  });
}
