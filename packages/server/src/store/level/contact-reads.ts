import type { StoredContact } from "../records.ts";
import { decodeEvent, decodeScore, decodeTrait } from "./codec.ts";
import { type Db, entriesBetween, entriesUnder, type ReadOptions } from "./database.ts";
import { F, fromInt, INT_CHARS, key, parts, through, unescapePart } from "./keys.ts";

/** One contact with its facts, read from one snapshot. */
export async function readContact(
  db: Db,
  ws: string,
  id: string,
  events: boolean,
): Promise<StoredContact | undefined> {
  const snapshot = db.snapshot();
  try {
    const createdAt = await db.get(key(F.contact, ws, id), { snapshot });
    if (createdAt === undefined) return undefined;
    return (await withFacts(db, ws, [[id, Number(createdAt)]], events, { snapshot }))[0];
  } finally {
    await snapshot.close();
  }
}

/** Up to `limit` contacts after `afterId`, ordered by id, with their facts, from one snapshot. */
export async function readContactChunk(
  db: Db,
  ws: string,
  afterId: string | undefined,
  limit: number,
): Promise<StoredContact[]> {
  const snapshot = db.snapshot();
  try {
    const prefix = key(F.contact, ws);
    const rows = await entriesUnder(db, prefix, {
      snapshot,
      limit,
      ...(afterId === undefined ? {} : { after: key(F.contact, ws, afterId) }),
    });
    const contacts: [string, number][] = rows.map(([k, v]) => [parts(k)[1], Number(v)]);
    return await withFacts(db, ws, contacts, true, { snapshot });
  } finally {
    await snapshot.close();
  }
}

/**
 * Hands each row to the contact whose key prefix it has, with the rest of its key. `contacts`
 * and `rows` are in the same (key) order, so one pass pairs them, with no split of every key
 * (20 million event keys at a start of 1,000,000 contacts). Only prefixes are compared: LevelDB
 * orders UTF-8 bytes, JavaScript compares UTF-16 units. A row of no listed contact is skipped.
 */
function forEachOwned(
  rows: [string, string][],
  contacts: StoredContact[],
  prefixOf: (c: StoredContact) => string,
  fn: (c: StoredContact, rest: string, value: string) => void,
): void {
  const prefixes = contacts.map(prefixOf);
  let i = 0;
  for (const [k, v] of rows) {
    let j = i;
    while (j < prefixes.length && !k.startsWith(prefixes[j])) j += 1;
    if (j === prefixes.length) continue;
    i = j;
    fn(contacts[i], k.slice(prefixes[i].length), v);
  }
}

/** The one component left of a key's rest (it ends with the separator). */
function lastPart(rest: string): string {
  return unescapePart(rest.slice(0, -1));
}

/** `contacts` are consecutive in id order: each fact family is read as one range. */
async function withFacts(
  db: Db,
  ws: string,
  contacts: [string, number][],
  events: boolean,
  options: ReadOptions,
): Promise<StoredContact[]> {
  if (contacts.length === 0) return [];
  const byId = new Map<string, StoredContact>();
  for (const [id, createdAt] of contacts)
    byId.set(id, { id, createdAt, traits: [], scores: [], lists: [], events: [] });
  const list = [...byId.values()];
  const first = contacts[0][0];
  const last = contacts[contacts.length - 1][0];
  type Family = typeof F.trait | typeof F.score | typeof F.listOfContact | typeof F.event;
  const each = async (family: Family, fn: (c: StoredContact, rest: string, value: string) => void) => {
    const rows = await entriesBetween(db, key(family, ws, first), through(key(family, ws, last)), options);
    forEachOwned(rows, list, (c) => key(family, ws, c.id), fn);
  };
  await each(F.trait, (c, rest, v) => c.traits.push(decodeTrait(lastPart(rest), v)));
  await each(F.score, (c, rest, v) => c.scores.push(decodeScore(lastPart(rest), v)));
  await each(F.listOfContact, (c, rest) => c.lists.push(lastPart(rest)));
  // The rest of an event key is its timestamp, then its arrival number.
  if (events)
    await each(F.event, (c, rest, v) => c.events.push(decodeEvent(v, fromInt(rest.slice(0, INT_CHARS)))));
  return [...byId.values()];
}
