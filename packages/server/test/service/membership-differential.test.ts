/**
 * The whole engine room against the reference interpreter: random message streams (identify,
 * track, score, list edits, deletes, late events, repeated messageIds) for a few contacts, with a
 * simulated clock that also crosses window edges. After every step, the memberships stored in
 * the database equal the reference applied to the raw data, for every contact and segment, and
 * replaying the change log gives the same memberships.
 */
import { type ContactMessage, foldMessages, type Group, referenceMemberships } from "@growthos/segments-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messages, rule, T0 } from "../../../core/test/support/arbitraries.ts";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import type { IngestMessage } from "../../src/runtime/ingest-message.ts";
import { SegmentsService } from "../../src/service/segments-service.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import { advanceTo, settle } from "../support/flush.ts";

const RUNS = Number(process.env.FC_RUNS_SERVICE ?? 300);
const WS = "ws_diff";
const CONTACTS = ["ann", "bob", "cy"];
const group = (c: Group["children"][number]): Group => ({ type: "group", combinator: "and", children: [c] });
const TIMED: { id: string; rule: Group }[] = [
  {
    id: "t_recent_a",
    rule: group({
      type: "event",
      event: "a",
      window: { within_last: { amount: 1, unit: "day" } },
      operator: "gte",
      value: 1,
    }),
  },
  {
    id: "t_signup",
    rule: group({
      type: "property",
      property: "signup",
      operator: "within_last",
      value: { amount: 3, unit: "day" },
    }),
  },
  {
    id: "t_quiet_b",
    rule: group({
      type: "event_time",
      event: "b",
      which: "last",
      operator: "more_than_ago",
      value: { amount: 3, unit: "hour" },
    }),
  },
];

type Step =
  | { kind: "messages"; contact: string; msgs: ContactMessage[]; ids: number[] }
  | { kind: "delete"; contact: string }
  | { kind: "advance"; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("messages" as const),
      contact: fc.constantFrom(...CONTACTS),
      msgs: messages,
      ids: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 40, maxLength: 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("delete" as const), contact: fc.constantFrom(...CONTACTS) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      ms: fc.constantFrom(1, 60_000, 30 * 60_000, 3_600_000, 86_400_000, 3 * 86_400_000),
    }),
  },
);

function toIngest(contact: string, m: ContactMessage, messageId: string): IngestMessage {
  switch (m.type) {
    case "identify":
      return {
        type: "identify",
        userId: contact,
        traits: { ...m.traits },
        timestamp: m.timestamp,
        messageId,
      };
    case "track":
      return {
        type: "track",
        userId: contact,
        event: m.event,
        properties: { ...m.properties },
        timestamp: m.timestamp,
        messageId,
      };
    case "score":
      return {
        type: "score",
        userId: contact,
        score: m.score,
        value: m.value,
        timestamp: m.timestamp,
        messageId,
      };
    case "list":
      return { type: "list", userId: contact, list: m.list, member: m.member, messageId };
  }
}

describe("stored membership == reference interpreter, step by step", () => {
  it(`holds on random streams with a moving clock (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rule([], 3), { minLength: 2, maxLength: 2 }),
        rule(["a", "b"], 3),
        fc.array(step, { minLength: 4, maxLength: 25 }),
        async (bases, top, steps) => {
          const clock = new FakeClock(T0 - 86_400_000);
          const store = new (
            SqliteStore as unknown as new (o: {
              path: string;
            }) => import("../../src/store/store.ts").Store
          )({ path: ":memory:" });
          const service = await SegmentsService.open({ store, clock });
          const ws = await service.createWorkspace({ id: WS, name: "diff", apiKeyHash: "h", createdAt: 0 });
          for (const l of ["l1", "l2", "l3"]) ws.createList(l);
          const defs: { id: string; rule: Group }[] = [
            { id: "a", rule: bases[0] },
            { id: "b", rule: bases[1] },
            { id: "c", rule: top },
            // Fixed time-dependent segments reading different data, so that a message re-evaluates
            // one of them while the others' timers must survive.
            ...TIMED,
          ];
          for (const d of defs) await ws.createSegment({ id: d.id, name: d.id, rule: d.rule });
          const history = new Map<string, ContactMessage[]>();
          const seen = new Set<string>();
          try {
            for (const s of steps) {
              if (s.kind === "advance") await advanceTo(clock, ws, clock.now() + s.ms);
              else if (s.kind === "delete") {
                await ws.ingest([{ type: "delete", userId: s.contact }]);
                history.delete(s.contact);
              } else {
                const batch = s.msgs.map((m, i) => toIngest(s.contact, m, `m${s.ids[i]}`));
                await ws.ingest(batch);
                for (const [i, m] of s.msgs.entries()) {
                  const id = `m${s.ids[i]}`;
                  if (seen.has(id)) continue;
                  seen.add(id);
                  history.set(s.contact, [...(history.get(s.contact) ?? []), m]);
                }
              }
              await settle(ws);
              await expectMatchesReference(store, defs, history, clock.now());
            }
            await expectLogReplaysToMemberships(store);
            if (process.env.DIFF_STATS) console.log("changes", (await store.changes(WS, 0, 1e6)).length);
          } finally {
            await service.close();
            await store.close();
          }
        },
      ),
      { numRuns: RUNS, seed: 31337 },
    );
  }, 600_000);
});

async function expectMatchesReference(
  store: import("../../src/store/store.ts").Store,
  defs: { id: string; rule: Group }[],
  history: Map<string, ContactMessage[]>,
  now: number,
): Promise<void> {
  for (const contact of CONTACTS) {
    const msgs = history.get(contact);
    const expected = new Set<string>();
    if (msgs !== undefined) {
      const ref = referenceMemberships(defs, foldMessages(contact, msgs), WS, now);
      for (const [id, member] of ref) if (member) expected.add(id);
    }
    const stored = new Set((await store.contactMemberships(WS, contact)).map((m) => m.segmentId));
    expect([...stored].sort(), `${contact} at ${new Date(now).toISOString()}`).toEqual([...expected].sort());
  }
}

async function expectLogReplaysToMemberships(store: import("../../src/store/store.ts").Store): Promise<void> {
  const replay = new Set<string>();
  let last = 0;
  for (const c of await store.changes(WS, 0, 1_000_000)) {
    expect(c.seq).toBe(last + 1);
    last = c.seq;
    const key = `${c.segmentId}/${c.contactId}`;
    if (c.change === "entered") {
      expect(replay.has(key)).toBe(false);
      replay.add(key);
    } else {
      expect(replay.has(key)).toBe(true);
      replay.delete(key);
    }
  }
  const current = new Set<string>();
  for (const contact of CONTACTS) {
    for (const m of await store.contactMemberships(WS, contact)) current.add(`${m.segmentId}/${contact}`);
  }
  expect([...replay].sort()).toEqual([...current].sort());
}
