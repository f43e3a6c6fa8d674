import { existsSync } from "node:fs";
import { join } from "node:path";
import { LevelStore } from "./level/index.ts";
import { SqliteStore } from "./sqlite/index.ts";
import type { Store } from "./store.ts";

/** The embedded engines; the first is the default for a new data directory. */
export const EMBEDDED_ENGINES = ["leveldb", "sqlite"] as const;
export type EmbeddedEngine = (typeof EMBEDDED_ENGINES)[number];

/** Where each engine keeps its data inside `SEGMENTS_DATA_DIR`. */
export const EMBEDDED_FILES: Record<EmbeddedEngine, string> = {
  leveldb: "segments.leveldb",
  sqlite: "segments.db",
};

export function isEmbeddedEngine(s: string): s is EmbeddedEngine {
  return (EMBEDDED_ENGINES as readonly string[]).includes(s);
}

/**
 * The engine for a data directory: the configured one, else the one whose data is already
 * there (a directory made by an earlier version holds SQLite), else LevelDB.
 */
export function embeddedEngineFor(dataDir: string, configured?: EmbeddedEngine): EmbeddedEngine {
  if (configured !== undefined) return configured;
  const has = (e: EmbeddedEngine) => existsSync(join(dataDir, EMBEDDED_FILES[e]));
  return has("sqlite") && !has("leveldb") ? "sqlite" : "leveldb";
}

/** Opens the engine's store at `path` (a LevelDB directory or a SQLite file). */
export function openEmbeddedStore(engine: EmbeddedEngine, path: string): Store {
  return engine === "leveldb" ? new LevelStore({ path }) : new SqliteStore({ path });
}
