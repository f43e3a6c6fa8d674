import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  VARCHAR,
} from "@duckdb/node-api";
import { EVENT_NAMES } from "../data/vocabulary.ts";
import { contactsDdl, EVENTS_DDL, orNull, type SqlPeer } from "./sql-peer.ts";

const CHUNK = 2048;

/** DuckDB in memory, loaded through the Appender API one data chunk (2048 rows) at a time. */
export async function duckdbPeer(): Promise<SqlPeer> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  return {
    name: "duckdb",
    indexed: false,
    async load(t, log) {
      await con.run(contactsDdl(false));
      await con.run(EVENTS_DDL);
      await append(
        con,
        "contacts",
        [INTEGER, VARCHAR, BIGINT, INTEGER, VARCHAR, INTEGER, BOOLEAN, INTEGER, INTEGER],
        t.contacts,
        (i) => {
          const active = t.sequencesActive[i];
          return [
            i,
            t.plan[i],
            BigInt(t.signupMs[i]),
            t.companySize[i],
            t.country[i],
            orNull(t.referralsCount[i]),
            active < 0 ? null : active === 1,
            orNull(t.nps[i]),
            orNull(t.engagement[i]),
          ];
        },
      );
      log(`duckdb: ${t.contacts} contacts appended`);
      await append(con, "events", [INTEGER, VARCHAR, BIGINT, DOUBLE], t.events, (k) => [
        t.eventContact[k],
        EVENT_NAMES[t.eventName[k]],
        BigInt(t.eventTs[k]),
        orNull(t.eventAmount[k]),
      ]);
      log(`duckdb: ${t.events} events appended`);
      await con.run("analyze");
    },
    async count(sql) {
      const reader = await con.runAndReadAll(sql);
      return Number(reader.getRows()[0][0]);
    },
    async close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}

async function append(
  con: DuckDBConnection,
  table: string,
  types: DuckDBType[],
  rows: number,
  row: (i: number) => DuckDBValue[],
): Promise<void> {
  const appender = await con.createAppender(table);
  const chunk = DuckDBDataChunk.create(types, CHUNK);
  for (let from = 0; from < rows; from += CHUNK) {
    const n = Math.min(CHUNK, rows - from);
    const columns: DuckDBValue[][] = types.map(() => new Array<DuckDBValue>(n));
    for (let r = 0; r < n; r++) {
      const values = row(from + r);
      for (let c = 0; c < values.length; c++) columns[c][r] = values[c];
    }
    chunk.rowCount = n;
    chunk.setColumns(columns);
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}
