import postgres from "postgres";

export interface PostgresStoreOptions {
  /** `postgres://user:pass@host:port/db`; must not carry its own `search_path`. */
  url: string;
  /** Schema holding every table; a plain lower-case identifier. Default "public". */
  schema?: string;
  /** Pool size. Default 10. */
  max?: number;
}

/** The driver's custom types: int8 is the only one we change. */
type Types = { int8: number };
export type Sql = postgres.Sql<Types>;
/** A pool or a transaction: anything queries can run on. */
export type Db = postgres.ISql<Types>;

// Goes into the startup packet's search_path and into DDL, so only plain identifiers pass:
// nothing to quote, nothing a search_path list could split, and not the reserved pg_ prefix.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema) || schema.startsWith("pg_")) {
    throw new Error(
      `invalid schema name ${JSON.stringify(schema)}: use 1-63 lower-case letters, digits or _, ` +
        "starting with a letter or _ and not with pg_",
    );
  }
  return schema;
}

/**
 * The one place integers are normalised: every int8 (BIGINT columns, count(*), ordinality)
 * becomes a JS number, and a value past 2^53 fails loudly instead of rounding.
 */
export function parseInt8(raw: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${raw} is outside the safe integer range`);
  return n;
}

export function connect(options: PostgresStoreOptions): { sql: Sql; schema: string } {
  const schema = assertSchemaName(options.schema ?? "public");
  if (urlSetsSearchPath(options.url)) {
    throw new Error("the database URL sets search_path: pass the schema option instead");
  }
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    // Set at connect time, so every pooled connection (and every transaction) runs in the schema.
    connection: { search_path: schema, client_min_messages: "warning" },
    types: { int8: { to: 20, from: [20], serialize: (n: number) => String(n), parse: parseInt8 } },
  });
  return { sql, schema };
}

// postgres.js lets URL query parameters override the `connection` option.
function urlSetsSearchPath(url: string): boolean {
  const q = url.indexOf("?");
  return q >= 0 && new URLSearchParams(url.slice(q + 1)).has("search_path");
}

/** A JSON document as one jsonb parameter: how set-based statements receive their rows. */
export function jsonRows(db: Db, rows: readonly object[]): postgres.Parameter {
  return db.json(rows as unknown as postgres.JSONValue);
}

/** One statement of a commit, not yet awaited: a commit sends them all at once (pipelined). */
export type Write = postgres.PendingQuery<postgres.Row[]>;
