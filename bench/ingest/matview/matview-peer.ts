import type { IngestMessage } from "../../../packages/server/src/runtime/ingest-message.ts";
import { connect, jsonRows, type Sql } from "../../../packages/server/src/store/postgres/connect.ts";
import type { GeneratedContact } from "../../data/contact-generator.ts";
import type { BenchSegment } from "../bench-segments.ts";
import { dropSchema, tempSchemaName } from "../bench-store.ts";
import { epochNow } from "../commit-log.ts";
import { type Distribution, distribution } from "../stats.ts";
import { copyContacts, createPeerTables, indexPeerTables } from "./matview-tables.ts";
import { viewName } from "./sql-literals.ts";
import { ruleSql, Unsupported } from "./sql-rule.ts";

export interface PeerOptions {
  url: string;
  segments: readonly BenchSegment[];
  /** The same contacts the service was loaded with. */
  contacts: Iterable<GeneratedContact>;
  /** Our member counts per segment at one instant, evaluated right after the load. */
  snapshot: { at: number; counts: ReadonlyMap<string, number> };
  /** The live messages, in the batches the peer inserts (one refresh of every view after each). */
  stream: Iterable<IngestMessage[]>;
  /** Keep inserting batches until this much time has passed (at least one batch). */
  minStreamMs: number;
  log: (line: string) => void;
}

export interface PeerFigures {
  views: number;
  notExpressed: { id: string; reason: string }[];
  loadMs: number;
  /** Every view refreshed once at the snapshot instant, ms; and the slowest view then. */
  refreshAllMs: number;
  slowestView: { id: string; ms: number };
  /** Segments whose view has exactly our member count at the snapshot instant. */
  agreeing: number;
  mismatches: { id: string; ours: number; peer: number }[];
  batches: number;
  messages: number;
  /** Messages per second over insert + refresh cycles. */
  perSec: number;
  /** From a batch's insert commit to the end of the refresh of the last view (all views show it), ms. */
  freshness: Distribution;
}

/**
 * PostgreSQL materialized views as the peer: the same segments as `CREATE MATERIALIZED VIEW`
 * over plain tables in a temp schema, loaded with the same data; then the same messages
 * inserted in batches, each followed by `REFRESH MATERIALIZED VIEW` of every view.
 */
export async function runMatviewPeer(o: PeerOptions): Promise<PeerFigures> {
  const schema = tempSchemaName("bench_matview");
  const admin = connect({ url: o.url, max: 1 }).sql;
  await admin`create schema ${admin(schema)}`;
  await admin.end({ timeout: 5 });
  const { sql } = connect({ url: o.url, schema, max: 1 });
  try {
    const t0 = epochNow();
    await createPeerTables(sql);
    const loaded = await copyContacts(sql, o.contacts);
    await indexPeerTables(sql);
    const loadMs = epochNow() - t0;
    o.log(
      `matview peer: loaded ${loaded.contacts} contacts, ${loaded.events} events in ${Math.round(loadMs)} ms`,
    );
    const { views, notExpressed } = await createViews(sql, o.segments);
    await sql`update bench_clock set now_ms = ${Math.floor(o.snapshot.at)}`;
    const pinned = await refreshAll(sql, views);
    const counts = await viewCounts(sql, views);
    const mismatches = views
      .map((id) => ({ id, ours: o.snapshot.counts.get(id) ?? -1, peer: counts.get(id) ?? -1 }))
      .filter((m) => m.ours !== m.peer);
    o.log(
      `matview peer: ${views.length} views refreshed in ${Math.round(pinned.totalMs)} ms; ${mismatches.length} disagree with ours`,
    );
    const stream = await streamBatches(sql, views, o);
    return {
      views: views.length,
      notExpressed,
      loadMs,
      refreshAllMs: pinned.totalMs,
      slowestView: pinned.slowest,
      agreeing: views.length - mismatches.length,
      mismatches,
      ...stream,
    };
  } finally {
    await sql.end({ timeout: 5 });
    await dropSchema(o.url, schema);
  }
}

async function createViews(sql: Sql, segments: readonly BenchSegment[]) {
  const views: string[] = [];
  const notExpressed: { id: string; reason: string }[] = [];
  for (const s of segments) {
    let where: string;
    try {
      where = ruleSql(s.rule);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      notExpressed.push({ id: s.id, reason: e.message });
      continue;
    }
    // unsafe(): the text is generated from our own rule trees, constants quoted by sql-literals.ts.
    await sql.unsafe(
      `create materialized view ${viewName(s.id)} as select c.id from contacts c where ${where} with no data`,
    );
    views.push(s.id);
  }
  return { views, notExpressed };
}

/** Refreshes every view in order (a referenced view before its readers). */
async function refreshAll(sql: Sql, views: readonly string[]) {
  const t0 = epochNow();
  let slowest = { id: "", ms: -1 };
  for (const id of views) {
    const v0 = epochNow();
    await sql`refresh materialized view ${sql(viewName(id))}`;
    const ms = epochNow() - v0;
    if (ms > slowest.ms) slowest = { id, ms };
  }
  return { totalMs: epochNow() - t0, slowest };
}

async function viewCounts(sql: Sql, views: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const id of views) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(viewName(id))}`;
    counts.set(id, row.n);
  }
  return counts;
}

async function streamBatches(sql: Sql, views: readonly string[], o: PeerOptions) {
  const t0 = epochNow();
  const freshness: number[] = [];
  let messages = 0;
  for (const batch of o.stream) {
    await insertBatch(sql, batch);
    const inserted = epochNow();
    await sql`update bench_clock set now_ms = ${Math.floor(inserted)}`;
    await refreshAll(sql, views);
    freshness.push(epochNow() - inserted);
    messages += batch.length;
    o.log(
      `matview peer: batch ${freshness.length} (${batch.length} messages) visible after ${Math.round(freshness.at(-1) ?? 0)} ms`,
    );
    if (epochNow() - t0 >= o.minStreamMs) break;
  }
  const wallMs = epochNow() - t0;
  return {
    batches: freshness.length,
    messages,
    perSec: (messages / wallMs) * 1000,
    freshness: distribution(freshness),
  };
}

/** Tracks become event rows; identifies merge their traits into the contact's properties (in order). */
async function insertBatch(sql: Sql, batch: readonly IngestMessage[]): Promise<void> {
  const events: { contactId: string; event: string; ts: number; props: unknown }[] = [];
  const traits = new Map<string, Record<string, unknown>>();
  for (const m of batch) {
    if (m.type === "track")
      events.push({ contactId: m.userId, event: m.event, ts: m.timestamp, props: m.properties });
    else if (m.type === "identify") traits.set(m.userId, { ...traits.get(m.userId), ...m.traits });
  }
  const updates = [...traits].map(([id, t]) => ({ id, traits: t }));
  await sql.begin(async (tx) => {
    await tx`
      insert into events (contact_id, event, ts, props)
      select x."contactId", x.event, x.ts, x.props
      from jsonb_to_recordset(${jsonRows(tx, events)}) as x("contactId" text, event text, ts bigint, props jsonb)`;
    await tx`
      update contacts c set props = c.props || x.traits
      from jsonb_to_recordset(${jsonRows(tx, updates)}) as x(id text, traits jsonb)
      where c.id = x.id`;
  });
}
