/**
 * Low-cardinality string columns answer from postings (a bitset per distinct string) once
 * queried, kept in step by later writes. Interleaving queries with identifies (strings, numbers,
 * booleans, null, objects), deletes and new contacts must keep every answer equal to the
 * reference interpreter, whichever path (postings or scan) each query takes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContactMessage, Group } from "../../src/index.ts";
import { ColumnarDataset, evaluateSet, foldMessages, referenceEvaluate } from "../../src/index.ts";

const NOW = Date.UTC(2026, 10, 29);
const VALUES = ["pro", "free", "team", "Pro", null, 5, true, ["pro"], "2026-11-20"];
const ops = fc.array(
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant("set" as const),
        c: fc.nat(9),
        v: fc.constantFrom(...VALUES),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), c: fc.nat(9) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("query" as const), q: fc.nat(5) }) },
  ),
  { maxLength: 60 },
);

const only = (condition: Group["children"][number]): Group => ({
  type: "group",
  combinator: "and",
  children: [condition],
});
const QUERIES: Group[] = [
  only({ type: "property", property: "plan", operator: "eq", value: "pro" }),
  only({ type: "property", property: "plan", operator: "in", value: ["pro", "team"] }),
  only({ type: "property", property: "plan", operator: "eq", value: "pro", ignore_case: true }),
  only({ type: "property", property: "plan", operator: "neq", value: "pro" }),
  only({ type: "property", property: "plan", operator: "contains", value: "r" }),
  only({ type: "property", property: "plan", operator: "within_last", value: { amount: 30, unit: "day" } }),
];

describe("string postings", () => {
  it("answer as the reference does through writes, deletes and queries in any order", () => {
    fc.assert(
      fc.property(ops, (steps) => {
        const ds = new ColumnarDataset("ws", { blockBits: 2 });
        const sent = new Map<string, ContactMessage[]>();
        let t = 0;
        const check = (rule: Group) => {
          const got = evaluateSet(rule, ds, NOW);
          for (const [id, messages] of sent) {
            const want = referenceEvaluate(rule, foldMessages(id, messages), {
              workspaceId: "ws",
              now: NOW,
              isMember: () => false,
            });
            expect(got.has(ds.indexOf(id) as number), `${id} ${JSON.stringify(rule.children[0])}`).toBe(want);
          }
        };
        for (const s of steps) {
          if (s.kind === "query") {
            check(QUERIES[s.q]);
            continue;
          }
          const id = `c${s.c}`;
          if (s.kind === "delete") {
            ds.deleteContact(id);
            sent.delete(id);
            continue;
          }
          const m: ContactMessage = { type: "identify", traits: { plan: s.v }, timestamp: ++t };
          ds.apply(id, m);
          sent.set(id, [...(sent.get(id) ?? []), m]);
        }
        for (const q of QUERIES) check(q);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });
});
