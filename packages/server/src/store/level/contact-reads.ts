import type { StoredContact } from "../records.ts";
import { decodeEvent, decodeScore, decodeTrait } from "./codec.ts";
import { type Db, entriesBetween, entriesUnder, type ReadOptions } from "./database.ts";
import { F, fromInt, key, parts, through } from "./keys.ts";

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
  const first = contacts[0][0];
  const last = contacts[contacts.length - 1][0];
  const range = async (family: typeof F.trait | typeof F.score | typeof F.listOfContact | typeof F.event) =>
    entriesBetween(db, key(family, ws, first), through(key(family, ws, last)), options);
  for (const [k, v] of await range(F.trait)) {
    const [, contact, name] = parts(k);
    byId.get(contact)?.traits.push(decodeTrait(name, v));
  }
  for (const [k, v] of await range(F.score)) {
    const [, contact, name] = parts(k);
    byId.get(contact)?.scores.push(decodeScore(name, v));
  }
  for (const [k] of await range(F.listOfContact)) {
    const [, contact, list] = parts(k);
    byId.get(contact)?.lists.push(list);
  }
  if (events) {
    for (const [k, v] of await range(F.event)) {
      const [, contact, ts] = parts(k);
      byId.get(contact)?.events.push(decodeEvent(v, fromInt(ts)));
    }
  }
  return [...byId.values()];
}
