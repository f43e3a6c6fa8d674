import Database from "better-sqlite3";

export interface SqliteStoreOptions {
  /** A file path, or ":memory:" for a private in-memory database. */
  path: string;
  /** FULL (default) fsyncs every commit, so a 200 means durable; NORMAL may lose the last ones on power loss. */
  synchronous?: "FULL" | "NORMAL";
  /** How long a writer waits for another connection's lock before failing (ms). */
  busyTimeoutMs?: number;
  /**
   * Commit batches on a worker thread with its own connection (default for a file; ":memory:"
   * cannot be shared). False: on the calling thread.
   */
  commitThread?: boolean;
  /**
   * Checkpoint the write-ahead log on a thread of its own instead of in the commit that fills
   * it (default: whenever there is a commit thread). Commits then checkpoint by themselves only
   * past a backstop, should the thread fall behind.
   */
  checkpointThread?: boolean;
  /** Called with each SQL statement run, parameters inlined (diagnostics, query-plan tests). */
  verbose?: (sql: string) => void;
}

/**
 * Opens the database with the settings every connection of the store needs. `autocheckpoint`:
 * the log size (pages) past which a commit of this connection checkpoints (SQLite's default: 1,000).
 */
export function openDatabase(options: SqliteStoreOptions, autocheckpoint?: number): Database.Database {
  const log = options.verbose;
  const db = new Database(options.path, log ? { verbose: (sql) => log(String(sql)) } : {});
  try {
    // WAL lets readers run beside the single writer; ":memory:" stays in "memory" mode.
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
    db.pragma("foreign_keys = ON");
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    if (autocheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${Math.trunc(autocheckpoint)}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The connection's durability settings, for checks and diagnostics. */
export function readPragmas(db: Database.Database): {
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
  walAutocheckpoint: number;
} {
  const read = (name: string) => db.pragma(name, { simple: true });
  return {
    journalMode: String(read("journal_mode")),
    synchronous: Number(read("synchronous")),
    foreignKeys: Number(read("foreign_keys")),
    walAutocheckpoint: Number(read("wal_autocheckpoint")),
  };
}
