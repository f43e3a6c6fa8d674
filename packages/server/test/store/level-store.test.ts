import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { LevelStore } from "../../src/store/level/index.ts";
import { storeConformance } from "./conformance.ts";

const dir = mkdtempSync(join(tmpdir(), "segments-level-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let dirs = 0;

storeConformance("leveldb", async () => new LevelStore({ path: join(dir, `store-${++dirs}`) }));
