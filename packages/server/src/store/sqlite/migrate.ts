import type Database from "better-sqlite3";
import { SCHEMA_STEPS, type SchemaStep } from "./schema-steps.ts";

/** Applies the steps not yet recorded, each in its own transaction; running it again is a no-op. */
export function migrate(db: Database.Database, steps: readonly SchemaStep[] = SCHEMA_STEPS): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const applied = db.prepare<[number], 1>("SELECT 1 FROM schema_migrations WHERE version = ?").pluck();
  const record = db.prepare<[number, string, number]>(
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
  );
  // IMMEDIATE: two processes starting at once cannot both decide a step is missing.
  const apply = db.transaction((step: SchemaStep) => {
    if (applied.get(step.version) !== undefined) return;
    db.exec(step.sql);
    record.run(step.version, step.name, Date.now());
  });
  for (const step of steps) apply.immediate(step);
}
