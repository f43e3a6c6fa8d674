import { traitTs } from "./codec.ts";
import { type Db, writeDurably } from "./database.ts";
import { F, key, parts, under } from "./keys.ts";

const CHUNK = 10_000;

/**
 * Schema 2 → 3: records each workspace's latest trait or score timestamp (`F.factsUpTo`), which
 * commits keep from then on, so that a write at or after it needs no read for last-writer-wins.
 * One scan of the stored facts; the keys are written together at its end.
 */
export async function migrateFactsUpTo(db: Db): Promise<void> {
  const latest = new Map<string, number>();
  for (const family of [F.trait, F.score]) {
    const it = db.iterator(under(key(family)));
    try {
      for (;;) {
        const rows = await it.nextv(CHUNK);
        if (rows.length === 0) break;
        for (const [k, v] of rows) {
          const ws = parts(k)[0];
          latest.set(ws, Math.max(latest.get(ws) ?? Number.NEGATIVE_INFINITY, traitTs(v)));
        }
      }
    } finally {
      await it.close();
    }
  }
  await writeDurably(
    db,
    [...latest].map(([ws, ts]) => ({ type: "put" as const, key: key(F.factsUpTo, ws), value: String(ts) })),
  );
}
