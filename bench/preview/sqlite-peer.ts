import Database from "better-sqlite3";
import { EVENT_NAMES } from "../data/vocabulary.ts";
import { contactsDdl, EVENTS_DDL, EVENTS_INDEX, orNull, type SqlPeer } from "./sql-peer.ts";

/**
 * SQLite in memory, loaded with one prepared INSERT per row inside one transaction (journal and
 * sync off, as for any bulk load), then the events index and ANALYZE.
 */
export async function sqlitePeer(): Promise<SqlPeer> {
  const db = new Database(":memory:");
  db.pragma("journal_mode = off");
  db.pragma("synchronous = off");
  db.pragma("cache_size = -1000000");
  return {
    name: "sqlite",
    indexed: true,
    async load(t, log) {
      db.exec(contactsDdl(true));
      db.exec(EVENTS_DDL);
      const contact = db.prepare("insert into contacts values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      db.transaction(() => {
        for (let i = 0; i < t.contacts; i++) {
          const active = t.sequencesActive[i];
          contact.run(
            i,
            t.plan[i],
            t.signupMs[i],
            t.companySize[i],
            t.country[i],
            orNull(t.referralsCount[i]),
            active < 0 ? null : active,
            orNull(t.nps[i]),
            orNull(t.engagement[i]),
          );
        }
      })();
      log(`sqlite: ${t.contacts} contacts inserted`);
      const event = db.prepare("insert into events values (?, ?, ?, ?)");
      db.transaction(() => {
        for (let k = 0; k < t.events; k++) {
          event.run(t.eventContact[k], EVENT_NAMES[t.eventName[k]], t.eventTs[k], orNull(t.eventAmount[k]));
        }
      })();
      log(`sqlite: ${t.events} events inserted`);
      db.exec(EVENTS_INDEX);
      db.exec("analyze");
    },
    async count(sql) {
      return Number(db.prepare(sql).pluck().get());
    },
    async close() {
      db.close();
    },
  };
}
