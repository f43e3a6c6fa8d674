import type { Group } from "@growthos/segments-core";
import fc from "fast-check";
import type {
  ChangeKind,
  MembershipRecord,
  SegmentRecord,
  StoredContact,
} from "../../../src/store/records.ts";
import type { Store } from "../../../src/store/store.ts";
import { emptyBatch, type WriteBatch } from "../../../src/store/write-batch.ts";

/** What every part of the suite gets: the store opened (and migrated) for the running test. */
export interface Harness {
  readonly store: Store;
}

let workspaces = 0;

/** A new workspace with a unique id (and key hash `hash-<id>`), so property runs never meet. */
export async function newWorkspace(store: Store, id = `ws-${++workspaces}`): Promise<string> {
  await store.createWorkspace({ id, name: `Workspace ${id}`, apiKeyHash: `hash-${id}`, createdAt: 1_000 });
  return id;
}

export function batch(workspaceId: string, parts: Partial<Omit<WriteBatch, "workspaceId">> = {}): WriteBatch {
  return { ...emptyBatch(workspaceId), ...parts };
}

export const RULE: Group = {
  type: "group",
  combinator: "and",
  children: [
    { type: "property", property: "plan", operator: "eq", value: "pro" },
    {
      type: "group",
      combinator: "or",
      negate: true,
      children: [{ type: "score", score: "lead", operator: "between", value: [10, 20.5] }],
    },
  ],
};

export function segment(workspaceId: string, id: string, over: Partial<SegmentRecord> = {}): SegmentRecord {
  const base = { name: `Segment ${id}`, description: "", rule: RULE, version: 1, status: "live" as const };
  return { workspaceId, id, ...base, createdAt: 1_000, updatedAt: 1_000, ...over };
}

export function change(
  segmentId: string,
  contactId: string,
  kind: ChangeKind,
  at: number,
  segmentVersion = 1,
) {
  return { segmentId, contactId, change: kind, at, segmentVersion };
}

export function member(segmentId: string, contactId: string, since: number, isMember = true) {
  return { segmentId, contactId, member: isMember, since };
}

/** Order of ids in every paged or streamed read: by code point (UTF-8 bytes), as SQLite and `COLLATE "C"` sort. */
export function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

// Ids that sort differently by code point, by UTF-16 unit and by locale; no NUL (PostgreSQL refuses it).
const TRICKY_IDS = [
  "a",
  "A",
  "b",
  "B",
  "_",
  "-",
  "a0",
  "a-1",
  "a_1",
  "ab",
  "é",
  "e\u0301",
  "ﬀ",
  "😀",
  "\uffff",
  "10",
  "9",
];
export const idArb = fc.oneof(
  fc.constantFrom(...TRICKY_IDS),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }).filter((s) => !s.includes("\u0000")),
);

export async function collect<T>(chunks: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

/** A contact with its unordered facts sorted, for comparison (events keep their order). */
export function normalised(c: StoredContact | undefined): StoredContact | undefined {
  if (c === undefined) return undefined;
  return {
    ...c,
    traits: [...c.traits].sort((x, y) => byCodePoint(x.key, y.key)),
    scores: [...c.scores].sort((x, y) => byCodePoint(x.score, y.score)),
    lists: [...c.lists].sort(byCodePoint),
  };
}

export function sortMemberships(ms: MembershipRecord[]): MembershipRecord[] {
  return [...ms].sort(
    (x, y) => byCodePoint(x.segmentId, y.segmentId) || byCodePoint(x.contactId, y.contactId),
  );
}

export function sortById<T extends { id: string }>(xs: T[]): T[] {
  return [...xs].sort((x, y) => byCodePoint(x.id, y.id));
}

/** Walks every page of a segment's members; each page is checked by the caller through `pages`. */
export async function walkMembers(store: Store, ws: string, segmentId: string, limit: number) {
  const pages: { data: MembershipRecord[]; next: string | null }[] = [];
  let after: string | undefined;
  do {
    const page = await store.members(ws, segmentId, limit, after);
    pages.push(page);
    if (page.next !== null && page.next === after)
      throw new Error(`members: the cursor ${after} does not advance`);
    after = page.next ?? undefined;
  } while (after !== undefined);
  return pages;
}
