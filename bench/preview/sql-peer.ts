import type { PeerTables } from "./preview-data.ts";

/** One SQL engine holding the same data: loaded once, then asked for counts. */
export interface SqlPeer {
  name: "duckdb" | "sqlite" | "postgres";
  /** Whether events has an index on (name, contact, ts) (the per-contact SQL form pays off). */
  indexed: boolean;
  /** Creates the tables, loads them, indexes and analyzes; returns nothing (the caller times it). */
  load(tables: PeerTables, log: (line: string) => void): Promise<void>;
  count(sql: string): Promise<number>;
  close(): Promise<void>;
}

/** The contacts table; a primary key where the engine uses it to join (not DuckDB: it hash-joins). */
export const contactsDdl = (
  primaryKey: boolean,
) => `create table contacts (id integer${primaryKey ? " primary key" : ""},
  plan text not null, signup_ms bigint not null, company_size integer not null, country text not null,
  referrals_count integer, sequences_active boolean, nps integer, engagement integer)`;
export const EVENTS_DDL =
  "create table events (contact integer not null, name text not null, ts bigint not null, amount double precision)";
export const EVENTS_INDEX = "create index events_name_contact_ts on events (name, contact, ts)";

/** -1 (or NaN) as SQL null. */
export const orNull = (v: number): number | null => (v < 0 || Number.isNaN(v) ? null : v);
