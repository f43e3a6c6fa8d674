import { loadavg } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInt8 } from "../../src/store/postgres/connect.ts";
import { assertSchemaName, PostgresStore } from "../../src/store/postgres/index.ts";
import { migrations } from "../../src/store/postgres/migrations.ts";
import { emptyBatch, type WriteBatch } from "../../src/store/write-batch.ts";
import {
  dropSchema,
  postgresAvailable,
  postgresUrl,
  requireOrSkip,
  tempSchemaName,
  withAdmin,
  withTempSchema,
} from "../support/services.ts";
import { storeConformance } from "./conformance.ts";

const skip = requireOrSkip("PostgreSQL", await postgresAvailable());

const open = (schema: string) => new PostgresStore({ url: postgresUrl(), schema, max: 4 });
const batch = (ws: string, parts: Partial<WriteBatch>): WriteBatch => ({ ...emptyBatch(ws), ...parts });
const workspace = (id: string) => ({ id, name: id, apiKeyHash: `hash-${id}`, createdAt: 1 });

/** A store on a migrated temp schema, closed and dropped after the describe around it. */
function storeForSuite(): () => PostgresStore {
  const schema = withTempSchema();
  let store: PostgresStore | undefined;
  beforeAll(async () => {
    store = open(schema);
    await store.migrate();
  });
  afterAll(() => store?.close());
  return () => store!;
}

// The shared contract: one temp schema for the whole suite (its tests make their own workspaces);
// each test opens a fresh store on it, which migrate() finds already up to date after the first.
describe.skipIf(skip)("PostgresStore", () => {
  const schema = withTempSchema();
  storeConformance("postgres", async () => open(schema));
});

describe("PostgresStore without a server", () => {
  it("rejects schema names that are not plain lower-case identifiers", () => {
    const hostile = [
      'x"; drop schema public cascade; --',
      "Public",
      "a-b",
      "",
      "1abc",
      "pg_catalog",
      "a,b",
      "x".repeat(64),
    ];
    for (const name of hostile) {
      expect(() => assertSchemaName(name)).toThrow(/invalid schema name/);
      expect(() => new PostgresStore({ url: postgresUrl(), schema: name })).toThrow(/invalid schema name/);
    }
    expect(assertSchemaName("segments_2")).toBe("segments_2");
  });

  it("refuses a URL that would override the schema's search_path", () => {
    const url = `${postgresUrl()}?search_path=public`;
    expect(() => new PostgresStore({ url, schema: "s" })).toThrow(/search_path/);
  });

  it("parses int8 to numbers and refuses what a number cannot hold exactly", () => {
    expect(parseInt8("42")).toBe(42);
    expect(parseInt8("-9007199254740991")).toBe(-9007199254740991);
    expect(() => parseInt8("9007199254740993")).toThrow(RangeError);
  });
});

describe.skipIf(skip)("PostgresStore migrations", () => {
  // Each test migrates a schema that does not exist yet: the hardest start (without the advisory
  // lock, two processes creating it at once fail on a duplicate key in pg_namespace).
  const schemas: string[] = [];
  const fresh = () => {
    schemas.push(tempSchemaName());
    return schemas[schemas.length - 1];
  };
  afterAll(async () => {
    for (const name of schemas) await dropSchema(name);
  });

  it("applies each step once when several processes migrate at the same time, and again is a no-op", async () => {
    const schema = fresh();
    const stores = [open(schema), open(schema), open(schema)];
    try {
      await Promise.all(stores.map((s) => s.migrate()));
      await stores[0].migrate();
      const steps = await withAdmin((sql) => sql`select version from ${sql(schema)}.schema_migrations`);
      expect(steps.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
      await stores[1].createWorkspace(workspace("w"));
      expect(await stores[2].listWorkspaces()).toHaveLength(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("creates the schema and every table in it", async () => {
    const schema = fresh();
    const store = open(schema);
    try {
      await store.migrate();
      const tables = await withAdmin(
        (sql) => sql`select table_name from information_schema.tables where table_schema = ${schema}`,
      );
      expect(tables.map((t) => t.table_name).sort()).toEqual(
        ["changes", "contact_scores", "contact_traits", "contacts", "events", "list_members", "lists"]
          .concat([
            "idempotency_keys",
            "memberships",
            "processed_messages",
            "schema_migrations",
            "segments",
            "webhooks",
            "workspace_commits",
            "workspace_seq",
            "workspaces",
          ])
          .sort(),
      );
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(skip)("PostgresStore schema isolation", () => {
  const a = storeForSuite();
  const b = storeForSuite();

  it("keeps two schemas apart, even for the same workspace and contact ids", async () => {
    for (const store of [a(), b()]) await store.createWorkspace(workspace("w"));
    const changes = [
      { segmentId: "s", contactId: "c", change: "entered" as const, at: 1, segmentVersion: 1 },
    ];
    await a().commit(batch("w", { contacts: [{ id: "only-a", createdAt: 1 }], changes }));
    await b().commit(batch("w", { contacts: [{ id: "only-b", createdAt: 1 }] }));
    expect((await a().getContact("w", "only-a"))?.id).toBe("only-a");
    expect(await a().getContact("w", "only-b")).toBeUndefined();
    expect(await b().contactCount("w")).toBe(1);
    expect([await a().lastSeq("w"), await b().lastSeq("w")]).toEqual([1, 0]);
  });
});

describe.skipIf(skip)("PostgresStore values and transactions", () => {
  const store = storeForSuite();
  let n = 0;
  const newWorkspace = async () => {
    const id = `w${++n}`;
    await store().createWorkspace(workspace(id));
    return id;
  };

  it("returns BIGINT times, seqs and counts as numbers", async () => {
    const ws = await newWorkspace();
    const big = Number.MAX_SAFE_INTEGER;
    const change = { segmentId: "s", contactId: "c", change: "entered" as const, at: big, segmentVersion: 1 };
    await store().commit(batch(ws, { contacts: [{ id: "c", createdAt: big }], changes: [change] }));
    expect((await store().getContact(ws, "c"))?.createdAt).toBe(big);
    const [logged] = await store().changes(ws, 0, 10);
    expect([logged.seq, logged.at]).toEqual([1, big]);
    expect(typeof (await store().contactCount(ws))).toBe("number");
  });

  it("round-trips JSON exactly through JSONB", async () => {
    const ws = await newWorkspace();
    const values: unknown[] = [
      "42",
      "null",
      "true",
      "",
      0,
      -1.5,
      1e300,
      false,
      [1, "2", [null]],
      { a: { b: ["c"] } },
    ];
    const traits = values.map((value, i) => ({ contactId: "c", key: `k${i}`, value, ts: 1 }));
    const properties = { nested: { list: [1, "1", null, { x: "ü😀" }] }, n: "007" };
    const events = [{ contactId: "c", event: "e", timestamp: 1, properties }];
    await store().commit(batch(ws, { contacts: [{ id: "c", createdAt: 1 }], traits, events }));
    const stored = await store().getContact(ws, "c");
    expect(new Map(stored?.traits.map((t) => [t.key, t.value]))).toEqual(
      new Map(traits.map((t) => [t.key, t.value])),
    );
    expect(stored?.events[0].properties).toEqual(properties);
  });

  it("accepts one batch that touches the same row several times, the batch's last word winning", async () => {
    const ws = await newWorkspace();
    const seg = { workspaceId: ws, id: "s", name: "S", description: "", version: 1, status: "live" as const };
    const rule = { type: "group" as const, combinator: "and" as const, children: [] };
    await store().commit(
      batch(ws, {
        contacts: [
          { id: "c", createdAt: 1 },
          { id: "c", createdAt: 2 },
        ],
        scores: [
          { contactId: "c", score: "x", value: 1, ts: 5 },
          { contactId: "c", score: "x", value: 2, ts: 5 },
        ],
        segments: [
          { ...seg, name: "first", rule, createdAt: 1, updatedAt: 1 },
          { ...seg, rule, createdAt: 1, updatedAt: 2 },
        ],
        memberships: [
          { segmentId: "s", contactId: "c", member: true, since: 1 },
          { segmentId: "s", contactId: "c", member: false, since: 1 },
        ],
      }),
    );
    const contact = await store().getContact(ws, "c");
    expect([contact?.createdAt, contact?.scores]).toEqual([1, [{ score: "x", value: 2, ts: 5 }]]);
    expect((await store().getSegment(ws, "s"))?.name).toBe("S");
    expect(await store().memberCount(ws, "s")).toBe(0);
  });

  it("writes nothing of a batch that fails", async () => {
    const ws = await newWorkspace();
    const bad = batch(ws, {
      messageIds: ["m1"],
      contacts: [{ id: "c", createdAt: 1 }],
      scores: [{ contactId: "c", score: "x", value: Number.NaN, ts: 1 }],
      changes: [{ segmentId: "s", contactId: "c", change: "entered", at: 1, segmentVersion: 1 }],
    });
    await expect(store().commit(bad)).rejects.toThrow();
    expect([await store().contactCount(ws), await store().lastSeq(ws)]).toEqual([0, 0]);
    expect(await store().seenMessageIds(ws, ["m1"])).toEqual(new Set());
    const undefinedTrait = batch(ws, { traits: [{ contactId: "c", key: "k", value: undefined, ts: 1 }] });
    await expect(store().commit(undefinedTrait)).rejects.toThrow(/cannot be stored as JSON/);
  });

  it("refuses a batch for an unknown workspace and a fractional timestamp, like the SQLite adapter", async () => {
    const ws = await newWorkspace();
    const ghost = batch("ghost", { contacts: [{ id: "c", createdAt: 1 }] });
    await expect(store().commit(ghost)).rejects.toThrow(/foreign key/);
    await expect(store().commit(batch(ws, { contacts: [{ id: "c", createdAt: 1.5 }] }))).rejects.toThrow(
      /bigint/,
    );
    expect(await store().contactCount(ws)).toBe(0);
  });

  it("gives concurrent commits of one workspace disjoint, consecutive seq ranges", async () => {
    const ws = await newWorkspace();
    const change = (i: number) => ({
      segmentId: "s",
      contactId: `c${i}`,
      change: "entered" as const,
      at: i,
      segmentVersion: 1,
    });
    const commits = Array.from({ length: 20 }, (_, k) =>
      store().commit(batch(ws, { changes: [0, 1, 2, 3, 4].map((i) => change(k * 5 + i)) })),
    );
    const ranges = (await Promise.all(commits)).map((r) => r!).sort((x, y) => x.firstSeq - y.firstSeq);
    expect(ranges).toEqual(ranges.map((_, i) => ({ firstSeq: i * 5 + 1, lastSeq: i * 5 + 5 })));
    const log = await store().changes(ws, 0, 1000);
    expect(log.map((c) => c.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });
});

describe.skipIf(skip)("PostgresStore throughput (measured, printed, not asserted)", () => {
  const store = storeForSuite();
  const contacts = Array.from({ length: 1000 }, (_, i) => ({
    id: `c${String(i).padStart(4, "0")}`,
    createdAt: 1,
  }));
  const events = (round: number) =>
    Array.from({ length: 10_000 }, (_, i) => ({
      contactId: contacts[i % 1000].id,
      event: "page_viewed",
      timestamp: 1_700_000_000_000 + round * 10_000 + i,
      properties: { path: `/p/${i % 50}`, n: i },
    }));

  it("commits 10,000-event batches and runs of 1-event batches", async () => {
    await store().createWorkspace(workspace("perf"));
    await store().commit(batch("perf", { contacts })); // warm-up: connections and prepared statements
    const bulk: number[] = [];
    for (let round = 0; round < 3; round++) {
      const b = batch("perf", { contacts, events: events(round) });
      bulk.push(await timed(() => store().commit(b)));
    }
    const singles = 500;
    const one = await timed(async () => {
      for (let i = 0; i < singles; i++) {
        const event = {
          contactId: "c0000",
          event: "signed_in",
          timestamp: 1_800_000_000_000 + i,
          properties: {},
        };
        await store().commit(
          batch("perf", { messageIds: [`m${i}`], contacts: [contacts[0]], events: [event] }),
        );
      }
    });
    const median = bulk.sort((x, y) => x - y)[1];
    console.log(
      `PostgresStore: 10,000-event batch (+1,000 contacts) median ${median.toFixed(0)} ms ` +
        `= ${Math.round(10_000 / (median / 1000))} events/s; 1-event batches (messageId + contact + event): ` +
        `${Math.round(singles / (one / 1000))} commits/s; load average ${loadavg()[0].toFixed(1)}`,
    );
    expect((await store().getContact("perf", "c0000"))?.events).toHaveLength(3 * 10 + singles);
  });
});

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
