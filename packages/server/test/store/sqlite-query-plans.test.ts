import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import type { Store } from "../../src/store/store.ts";
import { batch, change, collect, member, newWorkspace, segment } from "./conformance/harness.ts";

const dir = mkdtempSync(join(tmpdir(), "segments-plans-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a batch of every kind, then calls every read of the port once. */
async function everyCall(store: Store): Promise<void> {
  const ws = await newWorkspace(store);
  await store.commit(
    batch(ws, {
      messageIds: ["m1"],
      segments: [segment(ws, "s1"), segment(ws, "s2")],
      lists: [{ workspaceId: ws, id: "l1", name: "L", createdAt: 1 }],
      contacts: [
        { id: "c1", createdAt: 1 },
        { id: "c2", createdAt: 1 },
      ],
      traits: [{ contactId: "c1", key: "plan", value: "pro", ts: 1 }],
      scores: [{ contactId: "c1", score: "lead", value: 1, ts: 1 }],
      events: [{ contactId: "c1", event: "e", timestamp: 1, properties: {} }],
      listMembers: [{ listId: "l1", contactId: "c1", member: true }],
      memberships: [member("s1", "c1", 1), member("s1", "c2", 1, false)],
      changes: [change("s1", "c1", "entered", 1)],
    }),
  );
  await store.commit(batch(ws, { deletedContacts: ["c2"], deletedSegments: ["s2"], deletedLists: ["l1"] }));
  await store.workspaceByKeyHash(`hash-${ws}`);
  await Promise.all([store.listSegments(ws), store.getSegment(ws, "s1"), store.listLists(ws)]);
  await store.seenMessageIds(ws, ["m1", "m2", "m3"]);
  await store.getContact(ws, "c1");
  await collect(store.streamContacts(ws, 1));
  await collect(store.streamMemberships(ws));
  await store.contactCount(ws);
  await store.members(ws, "s1", 1);
  await store.members(ws, "s1", 1, "c1");
  await Promise.all([store.memberCount(ws, "s1"), store.contactMemberships(ws, "c1")]);
  await Promise.all([store.changes(ws, 0, 10), store.changes(ws, 0, 10, "s1"), store.lastSeq(ws)]);
  await store.membershipAt(ws, "s1", "c1", 5);
}

// Listings of a workspace's segments and lists sort a few rows by creation; all workspaces are few.
const SMALL_SORTS =
  /FROM (segments|lists) WHERE ws = '[^']*' ORDER BY created_at, id$|FROM workspaces ORDER BY/;
// As-of reads scan one segment's changes (there is no index by contact: it cost a random page
// write per change) and sort the few of one contact.
const AS_OF = /^SELECT change, at FROM changes INDEXED BY changes_by_segment/;
/** The plan steps that read more than the query asks for: every `col = value` must bound the search. */
function wasteful(sql: string, detail: string): boolean {
  if (AS_OF.test(sql))
    return !/^(SEARCH changes USING COVERING INDEX changes_by_segment|USE TEMP B-TREE)/.test(detail);
  if (/^SCAN /.test(detail)) return !/^SCAN workspaces/.test(detail) || !SMALL_SORTS.test(sql);
  if (/TEMP B-TREE/.test(detail)) return !SMALL_SORTS.test(sql);
  // In a join, a step answers only for the equalities on its own table (alias.column).
  const table = /^SEARCH (\w+)/.exec(detail)?.[1];
  const equalities = [...sql.matchAll(/\b(?:(\w+)\.)?(\w+) = '/g)]
    .filter((m) => m[1] === undefined || m[1] === table)
    .map((m) => m[2]);
  return /^SEARCH /.test(detail) && equalities.some((column) => !detail.includes(`${column}=?`));
}

it("searches an index for every statement it runs, sorting only small listings", async () => {
  const path = join(dir, "plans.db");
  const statements = new Set<string>();
  // Commits on the calling thread, so that their statements are seen too.
  const store = new SqliteStore({ path, commitThread: false, verbose: (sql) => statements.add(sql) });
  await store.migrate();
  await everyCall(store);
  await store.close();

  const queries = [...statements].filter((sql) => /^\s*(SELECT|INSERT|UPDATE|DELETE)\b/i.test(sql));
  expect(queries.length).toBeGreaterThan(30);
  const db = new Database(path);
  const scans = queries.flatMap((sql) => {
    const steps = db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all();
    return steps.filter((s) => wasteful(sql, s.detail)).map((s) => `${s.detail} in: ${sql}`);
  });
  db.close();
  expect(scans).toEqual([]);
});
