import { expect } from "vitest";
import type { ContactSnapshot, RawEvent } from "../../src/model.ts";
import { referenceEvaluate } from "../../src/reference/index.ts";
import type { Node } from "../../src/schema/rule.ts";
import { type Bitset, ColumnarDataset, evaluateSet } from "../../src/set/index.ts";

export const NOW = Date.UTC(2026, 0, 31, 12);
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export const ev = (event: string, timestamp: number, properties: Record<string, unknown> = {}): RawEvent => ({
  event,
  timestamp,
  properties,
});

export function snapshot(id: string, partial: Partial<ContactSnapshot> = {}): ContactSnapshot {
  return { id, properties: {}, scores: {}, lists: [], events: [], ...partial };
}

/** A dataset of the given contacts (bulk-loaded, small blocks so that several are crossed). */
export function datasetOf(contacts: readonly ContactSnapshot[]): ColumnarDataset {
  const ds = new ColumnarDataset("ws_test", { blockBits: 1 });
  ds.loadSnapshots(contacts);
  return ds;
}

/**
 * Asserts the set evaluator's members are exactly `expected` and that the reference agrees on
 * every contact (so the table's expectation is itself checked against the oracle).
 */
export function expectMembers(
  rule: Node,
  contacts: readonly ContactSnapshot[],
  expected: string[],
  options: { now?: number; segments?: Record<string, string[]> } = {},
): void {
  const now = options.now ?? NOW;
  const ds = datasetOf(contacts);
  const segments = options.segments ?? {};
  const lookup = (id: string): Bitset => {
    const b = evaluateSet({ type: "list", list: `__never_${id}`, operator: "in" }, ds, now);
    for (const m of segments[id] ?? []) b.add(ds.indexOf(m) as number);
    return b;
  };
  const got = evaluateSet(rule, ds, now, lookup)
    .toArray()
    .map((i) => ds.idAt(i));
  expect(got.sort()).toEqual([...expected].sort());
  const ctx = (c: ContactSnapshot) => ({
    workspaceId: "ws_test",
    now,
    isMember: (id: string) => (segments[id] ?? []).includes(c.id),
  });
  const reference = contacts.filter((c) => referenceEvaluate(rule, c, ctx(c))).map((c) => c.id);
  expect(reference.sort()).toEqual([...expected].sort());
}
