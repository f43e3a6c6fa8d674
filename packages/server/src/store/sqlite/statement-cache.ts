import type Database from "better-sqlite3";

/** Prepares each SQL text once per connection: preparing is far dearer than running. */
export class StatementCache {
  readonly #db: Database.Database;
  readonly #cache = new Map<string, Database.Statement<unknown[], unknown>>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  get<P extends unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.#cache.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare<unknown[], unknown>(sql);
      this.#cache.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }
}
