import { connect, type Sql } from "../../packages/server/src/store/postgres/connect.ts";
import { EVENT_NAMES } from "../data/vocabulary.ts";
import { dropSchema, tempSchemaName } from "../ingest/bench-store.ts";
import { contactsDdl, EVENTS_DDL, EVENTS_INDEX, type SqlPeer } from "./sql-peer.ts";

const ROWS_PER_WRITE = 20_000;

/**
 * PostgreSQL in a schema of its own (dropped on close), loaded with COPY FROM STDIN (text
 * format), then the events index and ANALYZE.
 */
export async function postgresPeer(url: string): Promise<SqlPeer> {
  const schema = tempSchemaName("bench_preview");
  const admin = connect({ url, max: 1 }).sql;
  await admin`create schema ${admin(schema)}`;
  await admin.end({ timeout: 5 });
  const { sql } = connect({ url, schema, max: 1 });
  return {
    name: "postgres",
    indexed: true,
    async load(t, log) {
      await sql.unsafe(contactsDdl(true));
      await sql.unsafe(EVENTS_DDL);
      await copy(sql, "contacts", t.contacts, (i) => {
        const active = t.sequencesActive[i];
        return `${i}\t${t.plan[i]}\t${t.signupMs[i]}\t${t.companySize[i]}\t${t.country[i]}\t${nul(t.referralsCount[i])}\t${active < 0 ? "\\N" : active === 1 ? "t" : "f"}\t${nul(t.nps[i])}\t${nul(t.engagement[i])}\n`;
      });
      log(`postgres: ${t.contacts} contacts copied`);
      await copy(
        sql,
        "events",
        t.events,
        (k) =>
          `${t.eventContact[k]}\t${EVENT_NAMES[t.eventName[k]]}\t${t.eventTs[k]}\t${nul(t.eventAmount[k])}\n`,
      );
      log(`postgres: ${t.events} events copied`);
      await sql.unsafe(EVENTS_INDEX);
      await sql.unsafe("analyze");
    },
    async count(text) {
      const rows = await sql.unsafe(text);
      return Number(rows[0].count);
    },
    async close() {
      await sql.end({ timeout: 5 });
      await dropSchema(url, schema);
    },
  };
}

const nul = (v: number) => (v < 0 || Number.isNaN(v) ? "\\N" : String(v));

async function copy(sql: Sql, table: string, rows: number, line: (i: number) => string): Promise<void> {
  const stream = await sql.unsafe(`copy ${table} from stdin`).writable();
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  for (let from = 0; from < rows; from += ROWS_PER_WRITE) {
    let text = "";
    for (let i = from; i < Math.min(rows, from + ROWS_PER_WRITE); i++) text += line(i);
    if (!stream.write(text)) await new Promise((resolve) => stream.once("drain", resolve));
  }
  stream.end();
  await done;
}
