import postgres from "postgres";
import { afterAll, beforeAll, describe } from "vitest";
import type { Clock } from "../../../src/clock/clock.ts";
import { PostgresStore } from "../../../src/store/postgres/index.ts";
import { SqliteStore } from "../../../src/store/sqlite/index.ts";
import type { Store } from "../../../src/store/store.ts";
import { postgresAvailable, postgresUrl, requireOrSkip, withTempSchema } from "../../support/services.ts";
import { startTestApp, type TestApp, type TestAppOptions } from "./test-app.ts";

export type StoreKind = "sqlite" | "postgres";

/** One store adapter for the HTTP suites. */
export interface TestStore {
  kind: StoreKind;
  /** An empty store (the service migrates it). */
  open(): Promise<Store>;
  /** `startTestApp` on an empty store of this kind, seen through `wrap` if given. */
  start(clock?: Clock, options?: TestAppOptions, wrap?: (store: Store) => Store): Promise<TestApp>;
}

const skipPostgres = requireOrSkip("PostgreSQL", await postgresAvailable());

function testStore(kind: StoreKind, open: () => Promise<Store>): TestStore {
  return {
    kind,
    open,
    start: async (clock, options, wrap = (store) => store) =>
      startTestApp(clock, wrap(await open()), options),
  };
}

export const sqliteStore = testStore("sqlite", async () => new SqliteStore({ path: ":memory:" }));

/**
 * Runs a suite once per store adapter: `describe("sqlite")`, then `describe("postgres")` (skipped,
 * or with REQUIRE_SERVICES=1 failing, when PostgreSQL is not reachable). Tests open a fresh app
 * each, as they do on SQLite's `:memory:`.
 */
export function forEachStore(suite: (store: TestStore) => void): void {
  describe("sqlite", () => suite(sqliteStore));
  describe.skipIf(skipPostgres)("postgres", () => suite(postgresStore()));
}

/**
 * Inside a describe: one temp schema, migrated once, and one connection pool for its tests;
 * every `open()` empties the tables first. Emptying the few rows a test leaves (0-20 ms here)
 * instead of creating and migrating a schema per test (120-340 ms), and keeping the pool's
 * connections, keep the matrix cheap.
 */
export function postgresStore(): TestStore {
  const schema = withTempSchema();
  let shared: PostgresStore | undefined;
  let admin: postgres.Sql | undefined;
  let empty = "";
  beforeAll(async () => {
    shared = new PostgresStore({ url: postgresUrl(), schema, max: 4 });
    await shared.migrate();
    admin = postgres(postgresUrl(), { max: 1, onnotice: () => {} });
    const tables = await admin<{ table_name: string }[]>`
      select table_name from information_schema.tables
      where table_schema = ${schema} and table_name <> 'schema_migrations'`;
    // Children before workspaces, which some of them reference.
    const names = tables
      .map((r) => r.table_name)
      .sort((a, b) => Number(a === "workspaces") - Number(b === "workspaces"));
    empty = names.map((n) => `delete from "${schema}"."${n}";`).join("\n");
  });
  afterAll(async () => {
    await admin?.end({ timeout: 5 });
    await shared?.close();
  });
  return testStore("postgres", async () => {
    if (shared === undefined || admin === undefined)
      throw new Error("postgresStore: open() inside a test only");
    await admin.unsafe(empty);
    return keptOpen(shared);
  });
}

/** The store, whose `close()` (each test app's) leaves the shared pool open. */
function keptOpen(store: Store): Store {
  return new Proxy(store, {
    get(target, name) {
      if (name === "close") return async () => {};
      const value = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
