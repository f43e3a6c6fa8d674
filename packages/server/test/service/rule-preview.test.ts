/**
 * Previews come from the columnar dataset the runtime keeps in step with ingestion: a previewed
 * rule counts exactly what the same rule saved as a segment holds, and a large workspace gets
 * a sampled estimate first, then the exact figure.
 */
import type { Group } from "@growthos/segments-core";
import { describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import type { IngestMessage } from "../../src/runtime/ingest-message.ts";
import { RulePreviewer } from "../../src/service/rule-preview.ts";
import { SegmentsService } from "../../src/service/segments-service.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";

const T0 = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const WS = "ws_preview";
const and = (...children: Group["children"]): Group => ({ type: "group", combinator: "and", children });
const RULES: Record<string, Group> = {
  pro: and({ type: "property", property: "plan", operator: "eq", value: "pro" }),
  buyers: and({
    type: "event",
    event: "purchase",
    window: { within_last: { amount: 7, unit: "day" } },
    operator: "gte",
    value: 2,
  }),
  notProBuyers: and(
    { type: "segment", segment: "pro", operator: "not_in" },
    { type: "score", score: "nps", operator: "gte", value: 8 },
  ),
};

async function workspaceWithContacts(n: number) {
  const store = new SqliteStore({ path: ":memory:" });
  const clock = new FakeClock(T0);
  const service = await SegmentsService.open({ store, clock });
  const ws = await service.createWorkspace({ id: WS, name: "p", apiKeyHash: "k", createdAt: T0 });
  const batch: IngestMessage[] = [];
  for (let i = 0; i < n; i++) {
    const userId = `u${i}`;
    batch.push({
      type: "identify",
      userId,
      traits: { plan: i % 3 === 0 ? "pro" : "free" },
      timestamp: T0 - DAY,
    });
    batch.push({ type: "score", userId, score: "nps", value: i % 11, timestamp: T0 - DAY });
    for (let k = 0; k < i % 4; k++)
      batch.push({ type: "track", userId, event: "purchase", properties: {}, timestamp: T0 - (i % 9) * DAY });
  }
  await ws.ingest(batch);
  return { service, store, clock, ws };
}

describe("rule previews from memory", () => {
  it("count what the same rule saved as a segment holds, before and after new data", async () => {
    const { service, store, clock, ws } = await workspaceWithContacts(600);
    await ws.createSegment({ id: "pro", name: "Pro", rule: RULES.pro });
    for (const [id, rule] of Object.entries(RULES)) {
      if (id !== "pro") await ws.createSegment({ id, name: id, rule });
    }
    const check = async () => {
      for (const [id, rule] of Object.entries(RULES)) {
        const r = ws.previewer.count(ws.checkRule(rule), clock.now());
        expect(r.exact).toBe(true);
        expect(r.count).toBe(await store.memberCount(WS, id));
        expect(r.total).toBe(await store.contactCount(WS));
      }
    };
    await check();
    await ws.ingest([
      { type: "identify", userId: "u1", traits: { plan: "pro" }, timestamp: T0 },
      { type: "track", userId: "u2", event: "purchase", properties: {}, timestamp: T0 },
      { type: "delete", userId: "u3" },
      { type: "identify", userId: "new", traits: { plan: "pro" }, timestamp: T0 },
    ]);
    await check();
    await service.close();
  });

  it("estimates a large workspace first, within its error bound, then answers exactly", async () => {
    const { service, clock, ws } = await workspaceWithContacts(6_000);
    const previewer = new RulePreviewer(ws.runtime, () => clock.now(), {
      exactLimit: 1_000,
      estimateContacts: 1_500,
      exactTtlMs: 60_000,
    });
    const rule = ws.checkRule(RULES.buyers);
    const truth = previewer.members(rule, clock.now()).count();
    const first = previewer.count(rule, clock.now());
    expect(first.exact).toBe(false);
    expect(first.errorBound).toBeGreaterThan(0);
    expect(Math.abs(first.count - truth)).toBeLessThanOrEqual(first.errorBound * 2);
    await new Promise((resolve) => setImmediate(resolve));
    const second = previewer.count(rule, clock.now());
    expect(second).toMatchObject({ exact: true, count: truth, errorBound: 0 });
    await service.close();
  });
});
