import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMBEDDED_FILES, openEmbeddedStore } from "../../packages/server/src/store/embedded.ts";
import { connect } from "../../packages/server/src/store/postgres/connect.ts";
import { PostgresStore } from "../../packages/server/src/store/postgres/index.ts";
import type { Store } from "../../packages/server/src/store/store.ts";

export type StoreKind = "sqlite" | "leveldb" | "postgres";
export const STORE_KINDS: readonly StoreKind[] = ["sqlite", "leveldb", "postgres"];

/** Where the benchmark's PostgreSQL is: the service's variable, the tests' one, then the local default. */
export function postgresUrl(): string {
  return (
    process.env.SEGMENTS_DATABASE_URL ??
    process.env.SEGMENTS_TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/test"
  );
}

/** A fresh schema name no other run uses. */
export function tempSchemaName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

/**
 * A throw-away place for the service's data: a SQLite file in a temp folder or a PostgreSQL
 * schema. `open` may be called again after the previous store was closed (restart timing).
 */
export interface BenchStore {
  kind: StoreKind;
  /** Where the data is, for the report. */
  where: string;
  open(): Store;
  /** Deletes the data (the stores opened must be closed first). */
  dispose(): Promise<void>;
}

/** @example const s = createBenchStore("sqlite"); const store = s.open(); ...; await store.close(); await s.dispose(); */
export function createBenchStore(kind: StoreKind, embeddedPath?: string): BenchStore {
  if (kind !== "postgres") {
    // A temp folder unless a path is given (a kept data set); the engine's own file name in it.
    const dir = embeddedPath === undefined ? mkdtempSync(join(tmpdir(), "segments-ingest-")) : undefined;
    const path = embeddedPath ?? join(dir as string, EMBEDDED_FILES[kind]);
    return {
      kind,
      where: path,
      open: () => openEmbeddedStore(kind, path),
      dispose: async () => {
        if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = postgresUrl();
  const schema = tempSchemaName("bench_ingest");
  return {
    kind,
    where: `${url.replace(/\/\/[^@/]*@/, "//")} schema ${schema}`,
    open: () => new PostgresStore({ url, schema }),
    dispose: () => dropSchema(url, schema),
  };
}

/** Drops a schema and everything in it, on a short-lived connection. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const { sql } = connect({ url, max: 1 });
  try {
    await sql`drop schema if exists ${sql(schema)} cascade`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** True when a PostgreSQL server answers at `url` within a couple of seconds. */
export async function postgresReachable(url = postgresUrl()): Promise<boolean> {
  const { sql } = connect({ url, max: 1 });
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000).unref());
  try {
    return await Promise.race([sql`select 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * With `SEGMENTS_BENCH_KEEP_LOG=<file>`, copies LevelDB's own log (its flushes and compactions,
 * with times) there: what to read after a stall in a run. LevelDB starts a new log at each open,
 * so the caller copies it once the store is closed and before it is opened again.
 */
export function keepEngineLog(bench: BenchStore): void {
  const target = process.env.SEGMENTS_BENCH_KEEP_LOG;
  const log = join(bench.where, "LOG");
  if (bench.kind === "leveldb" && target !== undefined && target !== "" && existsSync(log))
    copyFileSync(log, target);
}
