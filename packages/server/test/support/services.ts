import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";

/** Helpers for tests that need a running service (PostgreSQL here; see TOOLCHAIN.md "Services"). */

export function postgresUrl(): string {
  return process.env.SEGMENTS_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
}

/** A quick connect with a short timeout: false when the server is down or refuses us. */
export async function postgresAvailable(url = postgresUrl()): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * Decides whether a suite that needs `name` is skipped; use as `describe.skipIf(requireOrSkip(...))`.
 * With REQUIRE_SERVICES=1 (CI) a missing service fails the test file instead of skipping it.
 * `missing` says what is wrong (default: "not reachable at <the PostgreSQL URL>").
 */
export function requireOrSkip(name: string, available: boolean, missing?: string): boolean {
  if (available) return false;
  // What is wrong, for the messages: by default, PostgreSQL's URL is not reachable.
  const why = missing ?? `not reachable at ${shown(postgresUrl())}`;
  if (process.env.REQUIRE_SERVICES === "1") {
    throw new Error(`${name} is required (REQUIRE_SERVICES=1) but ${why}`);
  }
  console.warn(
    `SKIPPED: ${name} is ${why}; its tests do not run. ` +
      "Start it (TOOLCHAIN.md) or set REQUIRE_SERVICES=1 to make this a failure.",
  );
  return true;
}

/** The URL without its password, for messages. */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "SEGMENTS_TEST_DATABASE_URL (unparsable)";
  }
}

/** A fresh schema name that no other run uses: t_ and 12 random hex digits. */
export function tempSchemaName(): string {
  return `t_${randomBytes(6).toString("hex")}`;
}

/** Runs `fn` on a short-lived admin connection to the test database. */
export async function withAdmin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(postgresUrl(), { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function dropSchema(name: string): Promise<void> {
  await withAdmin((sql) => sql`drop schema if exists ${sql(name)} cascade`);
}

/**
 * Inside a describe: a random schema created before its tests and dropped (CASCADE) after.
 * Returns the name at once, so the suite can open stores on it.
 */
export function withTempSchema(): string {
  const name = tempSchemaName();
  beforeAll(async () => {
    await withAdmin((sql) => sql`create schema ${sql(name)}`);
  });
  afterAll(async () => {
    await dropSchema(name);
  });
  return name;
}
