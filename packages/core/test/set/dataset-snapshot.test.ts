/**
 * The dataset snapshot codec: a dataset written with datasetToPlain, passed through v8
 * serialization as the server does, and revived with datasetFromPlain answers every rule as the
 * original does, before and after further messages; shared references stay shared; user values
 * that look like the encoding's tags survive; anything the codec cannot revive throws.
 */
import { deserialize, serialize } from "node:v8";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContactMessage } from "../../src/model.ts";
import type { Group, Node } from "../../src/schema/rule.ts";
import {
  ColumnarDataset,
  datasetFromPlain,
  datasetToPlain,
  evaluateSet,
  type ScoreColumn,
} from "../../src/set/index.ts";
import { ValueColumn } from "../../src/set/value-column.ts";
import { messages, PROPERTIES, rule, time } from "../support/arbitraries.ts";
import { build, type ContactPlan, contactPlansOf } from "./set-harness.ts";

const roundTrip = (ds: ColumnarDataset): ColumnarDataset =>
  datasetFromPlain(deserialize(serialize(datasetToPlain(ds))));

/** User values shaped like the encoding's tags (and a JSON "__proto__" key). */
const TRICKY = {
  $map: [1, 2],
  $class: "ColumnarDataset",
  c: ["c", "ValueColumn", ["dict", 1]],
  a: ["a", [1]],
  m: ["m", ["k", 1]],
  o: ["o", []],
  nested: [["s", []], { "": null, "0": "zero" }],
  proto: JSON.parse('{"__proto__": {"polluted": true}, "x": 1}'),
};

/** Reads every property once, so that derived (dotted) columns exist and get stored. */
const everyProperty: Group = {
  type: "group",
  combinator: "or",
  children: PROPERTIES.map((property) => ({ type: "property", property, operator: "exists" }) as Node),
};

/** Hand-picked rules of each kind, beside the random ones. */
const REPRESENTATIVE: Node[] = [
  { type: "property", property: "plan", operator: "eq", value: "pro" },
  { type: "property", property: "plan", operator: "in", value: ["free", "team"] },
  { type: "property", property: "ref.count", operator: "gte", value: 1 },
  { type: "property", property: "signup", operator: "within_last", value: { amount: 3, unit: "day" } },
  { type: "property", property: "tags", operator: "includes", value: "pro" },
  { type: "score", score: "nps", operator: "gte", value: 2 },
  {
    type: "event",
    event: "a",
    window: { within_last: { amount: 1, unit: "day" } },
    operator: "gte",
    value: 2,
  },
  {
    type: "event",
    event: "b",
    where: [{ property: "page", operator: "eq", value: "pro" }],
    window: { within_last: { amount: 1, unit: "week" } },
    operator: "gte",
    value: 1,
  },
  { type: "list", list: "l1", operator: "in" },
  { type: "bucket", salt: "x", percent: 50 },
  {
    type: "group",
    combinator: "and",
    children: [
      { type: "list", list: "l2", operator: "not_in" },
      {
        type: "group",
        combinator: "or",
        negate: true,
        children: [
          { type: "score", score: "eng", operator: "lt", value: 3 },
          { type: "event", event: "c", operator: "gte", value: 1 },
        ],
      },
    ],
  },
];

const plans = contactPlansOf({ minLength: 6, maxLength: 14 });

const caseArb = fc.record({
  plans,
  rules: fc.array(rule([], 3), { minLength: 3, maxLength: 3 }),
  now: time,
  blockBits: fc.constantFrom(2, 3),
  // After the snapshot: messages for known and new contacts (ids up to c19), one contact deleted.
  later: fc.array(fc.record({ contact: fc.nat(19), msgs: messages }), { maxLength: 4 }),
  gone: fc.nat(19),
});

const members = (rules: readonly Node[], ds: ColumnarDataset, now: number): number[][] =>
  rules.map((r) => evaluateSet(r, ds, now).toArray());

const measures = (ds: ColumnarDataset) => ({
  contactCount: ds.contactCount,
  size: ds.size,
  blockCount: ds.blockCount,
  byteSize: ds.byteSize(),
  ids: Array.from({ length: ds.size }, (_, i) => [ds.idAt(i), ds.indexOf(ds.idAt(i))]),
});

/** Everything stored is equal (bytes compared for speed; a mismatch shows the structures' diff). */
function expectSamePlain(a: ColumnarDataset, b: ColumnarDataset): void {
  const [pa, pb] = [datasetToPlain(a), datasetToPlain(b)];
  if (!serialize(pa).equals(serialize(pb))) expect(pa).toEqual(pb);
}

/** Private fields, for the checks on what is stored, shared and recreated. */
const fields = (o: object) => o as unknown as Record<string, unknown>;

/** Every value column of the dataset: traits (top-level and derived), scores, event properties. */
function columnsOf(ds: ColumnarDataset): ValueColumn[] {
  const traits = fields(ds.traits);
  const out = [
    ...[...(traits.traits as Map<string, ScoreColumn>).values()].map((t) => t.column),
    ...(traits.derived as Map<string, ValueColumn>).values(),
    ...[...ds.scores.values()].map((s) => s.column),
  ];
  for (const table of ds.events.values())
    for (const block of table.blocks) if (block !== undefined) out.push(...block.props.values());
  return out;
}

describe("dataset snapshot", () => {
  it("a revived dataset answers and evolves as the original does", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const rules = [...REPRESENTATIVE, ...c.rules];
        const { dataset: ds } = build(c.plans as ContactPlan[], [], c.blockBits, 1 / 16, (d) =>
          evaluateSet(everyProperty, d, c.now),
        );
        ds.apply("c0", { type: "identify", traits: { odd: TRICKY }, timestamp: c.now });
        ds.apply("c1", { type: "track", event: "a", properties: { odd: TRICKY }, timestamp: c.now });
        // Evaluating first fills the caches (postings, live set, scratch arrays, buckets).
        const before = members(rules, ds, c.now);

        const revived = roundTrip(ds);
        // Measured before any evaluation could recompute a dropped cache.
        expect(measures(revived)).toEqual(measures(ds));
        expect(members(rules, revived, c.now)).toEqual(before);
        expectSamePlain(revived, ds);
        for (const column of columnsOf(revived)) expect(fields(column).dict).toBe(revived.dict);
        expect(fields(revived.traits).dict).toBe(revived.dict);

        const more = (d: ColumnarDataset) => {
          d.deleteContact(`c${c.gone}`);
          for (const { contact, msgs } of c.later) for (const m of msgs) d.apply(`c${contact}`, m);
        };
        more(ds);
        more(revived);
        expect(members(rules, revived, c.now)).toEqual(members(rules, ds, c.now));
        expect(measures(revived)).toEqual(measures(ds));
      }),
      { numRuns: 60, seed: 20260131 },
    );
  });

  it("drops caches and work areas, and revives objects with the shape of new ones", () => {
    const ds = new ColumnarDataset("ws", { blockBits: 2 });
    for (let k = 0; k < 10; k++)
      ds.apply(`u${k}`, { type: "identify", traits: { plan: k % 2 ? "pro" : "free" }, timestamp: k });
    const plan: Node = { type: "property", property: "plan", operator: "eq", value: "pro" };
    expect(evaluateSet(plan, ds, 0).count()).toBe(5);
    const column = ds.traits.column("plan") as ValueColumn;
    expect(fields(column).postings).toBeDefined();
    expect(fields(ds).live$).toBeDefined();

    const revived = roundTrip(ds);
    const revivedColumn = revived.traits.column("plan") as ValueColumn;
    expect(fields(revivedColumn).postings).toBeUndefined();
    expect(fields(revived).live$).toBeUndefined();
    expect(revived.scratch).not.toBe(ds.scratch);
    expect(fields(revived.scratch).free).toEqual(new Map());
    expect(Object.keys(revived)).toEqual(Object.keys(new ColumnarDataset("ws")));
    expect(Object.keys(revivedColumn)).toEqual(Object.keys(new ValueColumn(revived.dict)));
    // Postings are rebuilt on demand and then kept in step.
    expect(evaluateSet(plan, revived, 0).count()).toBe(5);
    revived.apply("u0", { type: "identify", traits: { plan: "pro" }, timestamp: 99 });
    expect(evaluateSet(plan, revived, 0).count()).toBe(6);
  });

  it("keeps user values that look like the encoding's tags unchanged", () => {
    const ds = new ColumnarDataset("ws", { blockBits: 2 });
    ds.apply("u", { type: "identify", traits: { odd: TRICKY, "$class.x": ["c", "Bitset"] }, timestamp: 1 });
    ds.apply("u", { type: "track", event: "e", properties: { odd: TRICKY }, timestamp: 1 });
    const revived = roundTrip(ds);
    const odd = revived.traits.column("odd")?.get(0) as typeof TRICKY;
    expect(odd).toStrictEqual(TRICKY);
    expect(revived.traits.column("$class.x")?.get(0)).toStrictEqual(["c", "Bitset"]);
    expect(revived.events.get("e")?.blocks[0]?.props.get("odd")?.get(0)).toStrictEqual(TRICKY);
    // The JSON key "__proto__" is an own property again, not the object's prototype.
    expect(Object.getPrototypeOf(odd.proto)).toBe(Object.prototype);
    expect(Object.hasOwn(odd.proto, "__proto__")).toBe(true);
    expect(Object.keys(odd.proto)).toEqual(["__proto__", "x"]);
  });

  it("throws on values it could not revive", () => {
    class Custom {}
    const withTrait = (value: unknown) => {
      const ds = new ColumnarDataset("ws");
      ds.apply("u", { type: "identify", traits: { v: { deep: [value] } }, timestamp: 1 } as ContactMessage);
      return ds;
    };
    expect(() => datasetToPlain(withTrait(() => 1))).toThrow(
      /cannot store a function at .*boxed > 0 > deep > 0/,
    );
    expect(() => datasetToPlain(withTrait(new Custom()))).toThrow(/instance of Custom/);
    expect(() => datasetToPlain(withTrait(new Date(0)))).toThrow(/instance of Date/);
    expect(() => datasetToPlain(withTrait(Symbol("s")))).toThrow(/symbol/);
    const extra = withTrait(1);
    fields(extra).added = 1;
    expect(() => datasetToPlain(extra)).toThrow(/ColumnarDataset.added/);
  });

  it("rejects what is not a snapshot of this version", () => {
    const plain = datasetToPlain(withPlan()) as [string, string, unknown[]];
    expect(() => datasetFromPlain({})).toThrow(/not a snapshot/);
    expect(() => datasetFromPlain(["a", []])).toThrow(/root is not a dataset/);
    expect(() => datasetFromPlain(plain[2])).toThrow(/not a snapshot/);
    expect(() => datasetFromPlain(["c", "Nope", []])).toThrow(/unknown class Nope/);
    const renamed = structuredClone(plain);
    renamed[2][0] = "workspace";
    expect(() => datasetFromPlain(renamed)).toThrow(/ColumnarDataset has fields workspace,/);
    expect(datasetFromPlain(structuredClone(plain)).contactCount).toBe(1);
  });
});

function withPlan(): ColumnarDataset {
  const ds = new ColumnarDataset("ws");
  ds.apply("u", { type: "identify", traits: { plan: "pro" }, timestamp: 1 });
  return ds;
}
