import type { Sql } from "./connect.ts";
import { migrations } from "./migrations.ts";

/**
 * Applies the missing steps in one transaction. An advisory lock per schema makes a second
 * process that starts at the same time wait, then find every step already recorded.
 */
export async function migrate(sql: Sql, schema: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${`growthos-segments:migrate:${schema}`}))`;
    const [exists] = await tx`select 1 from pg_namespace where nspname = ${schema}`;
    // Only when missing: CREATE SCHEMA checks the database CREATE privilege even with IF NOT EXISTS.
    if (!exists) await tx`create schema ${tx(schema)}`;
    await tx`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`;
    const rows = await tx<{ version: number }[]>`select version from schema_migrations`;
    const applied = new Set(rows.map((r) => r.version));
    for (const step of migrations) {
      if (applied.has(step.version)) continue;
      // unsafe(): the step is a constant from migrations.ts (several statements, no parameters).
      await tx.unsafe(step.sql);
      await tx`insert into schema_migrations (version, name) values (${step.version}, ${step.name})`;
    }
  });
}
