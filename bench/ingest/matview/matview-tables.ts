import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "../../../packages/server/src/store/postgres/connect.ts";
import type { GeneratedContact } from "../../data/contact-generator.ts";

/** The peer's plain tables: one row per contact (properties and scores as jsonb), one per event. */
export async function createPeerTables(sql: Sql): Promise<void> {
  await sql`create table contacts (id text collate "C" primary key, props jsonb not null, scores jsonb not null)`;
  await sql`create table events (contact_id text collate "C" not null, event text collate "C" not null, ts bigint not null, props jsonb not null)`;
  await sql`create table bench_clock (now_ms bigint not null)`;
  await sql`insert into bench_clock values (0)`;
}

/** The indexes the views' lookups need (built after the bulk load, as one would), then statistics. */
export async function indexPeerTables(sql: Sql): Promise<void> {
  await sql`create index events_by_contact on events (contact_id, event, ts)`;
  await sql`analyze contacts`;
  await sql`analyze events`;
}

/** COPY text format: backslash, tab and line breaks escaped. */
const copyText = (s: string) =>
  s.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r");

/** Loads the same generated contacts as the service got (their merged properties, scores and events) with COPY. */
export async function copyContacts(
  sql: Sql,
  contacts: Iterable<GeneratedContact>,
): Promise<{ contacts: number; events: number }> {
  const counts = { contacts: 0, events: 0 };
  const contactRows: string[] = [];
  const eventStream = await sql`copy events (contact_id, event, ts, props) from stdin`.writable();
  await pipeline(
    Readable.from(
      (function* () {
        let chunk: string[] = [];
        for (const c of contacts) {
          counts.contacts++;
          contactRows.push(
            `${c.id}\t${copyText(JSON.stringify(c.properties))}\t${copyText(JSON.stringify(c.scores))}\n`,
          );
          for (const e of c.events) {
            counts.events++;
            chunk.push(
              `${c.id}\t${copyText(e.event)}\t${e.timestamp}\t${copyText(JSON.stringify(e.properties))}\n`,
            );
          }
          if (chunk.length >= 5000) {
            yield chunk.join("");
            chunk = [];
          }
        }
        if (chunk.length > 0) yield chunk.join("");
      })(),
    ),
    eventStream,
  );
  const contactStream = await sql`copy contacts (id, props, scores) from stdin`.writable();
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < contactRows.length; i += 5000) yield contactRows.slice(i, i + 5000).join("");
      })(),
    ),
    contactStream,
  );
  return counts;
}
