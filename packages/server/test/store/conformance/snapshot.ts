import type { Store } from "../../../src/store/store.ts";
import { collect, normalised, sortById, sortMemberships } from "./harness.ts";

/** Which ids to ask about, beyond what the listing reads return on their own. */
export interface Probe {
  contacts: string[];
  segments: string[];
  messages: string[];
}

/**
 * Everything a workspace's reads return, through every read method of the port: two equal
 * snapshots mean nothing visible changed.
 */
export async function snapshot(store: Store, ws: string, probe: Probe) {
  const far = 8_000_000_000_000;
  const perContact = async (id: string) => ({
    contact: normalised(await store.getContact(ws, id)),
    memberships: sortMemberships(await store.contactMemberships(ws, id)),
  });
  const perSegment = async (id: string) => ({
    segment: await store.getSegment(ws, id),
    members: await store.members(ws, id, 1_000),
    count: await store.memberCount(ws, id),
    changes: await store.changes(ws, 0, 1_000, id),
    at: await Promise.all(probe.contacts.map((c) => store.membershipAt(ws, id, c, far))),
  });
  const streamed = (await collect(store.streamContacts(ws))).flat().map(normalised);
  return {
    segments: sortById(await store.listSegments(ws)),
    lists: sortById(await store.listLists(ws)),
    contacts: streamed,
    contactCount: await store.contactCount(ws),
    byContact: await Promise.all(probe.contacts.map(perContact)),
    bySegment: await Promise.all(probe.segments.map(perSegment)),
    memberships: sortMemberships((await collect(store.streamMemberships(ws))).flat()),
    changes: await store.changes(ws, 0, 10_000),
    lastSeq: await store.lastSeq(ws),
    seen: [...(await store.seenMessageIds(ws, probe.messages))].sort(),
  };
}
