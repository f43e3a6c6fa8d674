/** Each construct of RULES.md over a small, explicit dataset, edges included. */
import { describe, it } from "vitest";
import type { Node } from "../../src/schema/rule.ts";
import { bucketOf, inBucket } from "../../src/values/bucket.ts";
import { DAY, ev, expectMembers, MINUTE, NOW, snapshot } from "./set-fixture.ts";

const people = [
  snapshot("free", {
    properties: { plan: "free", age: 30, tags: ["a", "B"], vip: true, signup: "2026-01-30" },
  }),
  snapshot("pro", { properties: { plan: "pro", age: "30", vip: false, signup: NOW - 10 * DAY } }),
  snapshot("Pro", { properties: { plan: "Pro", age: 7.5, vip: "true", "ref.count": 2, ref: { count: 9 } } }),
  snapshot("nested", { properties: { plan: null, ref: { count: 3 }, signup: "not a date" } }),
  snapshot("empty"),
];

/** A property condition from a table row (the schema checks shapes; tables stay terse). */
const property = (p: { property: string; operator: string; value?: unknown; ignore_case?: boolean }): Node =>
  ({ type: "property", ...p }) as Node;

describe("property conditions over columns", () => {
  const cases: [string, Node, string[]][] = [
    ["eq is exact and typed", property({ property: "plan", operator: "eq", value: "pro" }), ["pro"]],
    [
      "eq ignore_case",
      property({ property: "plan", operator: "eq", value: "PRO", ignore_case: true }),
      ["pro", "Pro"],
    ],
    [
      "neq includes missing",
      property({ property: "plan", operator: "neq", value: "pro" }),
      ["free", "Pro", "nested", "empty"],
    ],
    ["numeric strings are not numbers", property({ property: "age", operator: "gte", value: 8 }), ["free"]],
    ["in mixes types", property({ property: "age", operator: "in", value: [7.5, "30"] }), ["pro", "Pro"]],
    [
      "not_in includes missing",
      property({ property: "age", operator: "not_in", value: [30] }),
      ["pro", "Pro", "nested", "empty"],
    ],
    [
      "between inclusive",
      property({ property: "age", operator: "between", value: [7.5, 30] }),
      ["free", "Pro"],
    ],
    ["literal key before dot path", property({ property: "ref.count", operator: "eq", value: 2 }), ["Pro"]],
    ["dot path into an object", property({ property: "ref.count", operator: "eq", value: 3 }), ["nested"]],
    ["exists: null is missing", property({ property: "plan", operator: "exists" }), ["free", "pro", "Pro"]],
    ["not_exists", property({ property: "plan", operator: "not_exists" }), ["nested", "empty"]],
    ["is_true only for true", property({ property: "vip", operator: "is_true" }), ["free"]],
    ["is_false only for false", property({ property: "vip", operator: "is_false" }), ["pro"]],
    ["contains", property({ property: "plan", operator: "contains", value: "r" }), ["free", "pro", "Pro"]],
    [
      "not_contains includes missing",
      property({ property: "plan", operator: "not_contains", value: "r" }),
      ["nested", "empty"],
    ],
    [
      "starts_with ignore_case",
      property({ property: "plan", operator: "starts_with", value: "p", ignore_case: true }),
      ["pro", "Pro"],
    ],
    ["ends_with", property({ property: "plan", operator: "ends_with", value: "ee" }), ["free"]],
    ["includes", property({ property: "tags", operator: "includes", value: "a" }), ["free"]],
    [
      "not_includes on non-arrays",
      property({ property: "tags", operator: "not_includes", value: "a" }),
      ["pro", "Pro", "nested", "empty"],
    ],
    [
      "includes_any ignore_case",
      property({ property: "tags", operator: "includes_any", value: ["b", "z"], ignore_case: true }),
      ["free"],
    ],
    ["includes_all", property({ property: "tags", operator: "includes_all", value: ["a", "B"] }), ["free"]],
    [
      "within_last on ISO and epoch",
      property({ property: "signup", operator: "within_last", value: { amount: 2, unit: "day" } }),
      ["free"],
    ],
    [
      "more_than_ago",
      property({ property: "signup", operator: "more_than_ago", value: { amount: 7, unit: "day" } }),
      ["pro"],
    ],
    [
      "after ISO",
      property({ property: "signup", operator: "after", value: "2026-01-21T12:00:00Z" }),
      ["free", "pro"],
    ],
    [
      "before: a non-date fails",
      property({ property: "signup", operator: "before", value: "2030-01-01" }),
      ["free", "pro"],
    ],
    [
      "between dates half-open",
      property({ property: "signup", operator: "between", value: ["2026-01-21T12:00:00Z", "2026-01-30"] }),
      ["pro"],
    ],
  ];
  for (const [name, rule, members] of cases) it(name, () => expectMembers(rule, people, members));
});

describe("scores, lists, buckets, segments, groups", () => {
  const scored = [
    snapshot("a", { scores: { nps: 9 }, lists: ["vip"] }),
    snapshot("b", { scores: { nps: 3 } }),
    snapshot("c", { lists: ["vip", "beta"] }),
  ];
  it("score gte; a missing score fails", () =>
    expectMembers({ type: "score", score: "nps", operator: "gte", value: 3 }, scored, ["a", "b"]));
  it("score neq includes missing", () =>
    expectMembers({ type: "score", score: "nps", operator: "neq", value: 3 }, scored, ["a", "c"]));
  it("score not_exists", () =>
    expectMembers({ type: "score", score: "nps", operator: "not_exists" }, scored, ["c"]));
  it("list in / not_in", () => {
    expectMembers({ type: "list", list: "vip", operator: "in" }, scored, ["a", "c"]);
    expectMembers({ type: "list", list: "vip", operator: "not_in" }, scored, ["b"]);
    expectMembers({ type: "list", list: "nobody", operator: "not_in" }, scored, ["a", "b", "c"]);
  });
  it("bucket 0 and 100", () => {
    expectMembers({ type: "bucket", salt: "s", percent: 0 }, scored, []);
    expectMembers({ type: "bucket", salt: "s", percent: 100 }, scored, ["a", "b", "c"]);
  });
  it("bucket 50 agrees with the reference hash", () => {
    const many = Array.from({ length: 40 }, (_, i) => snapshot(`u${i}`));
    const rule: Node = { type: "bucket", salt: "spring", percent: 50 };
    // expectMembers checks the reference too; compute the reference's answer as the table.
    const members = many.map((c) => c.id).filter(bucketHolds);
    expectMembers(rule, many, members);
  });
  it("segment in / not_in read stored membership", () => {
    expectMembers({ type: "segment", segment: "s1", operator: "in" }, scored, ["b"], {
      segments: { s1: ["b"] },
    });
    expectMembers({ type: "segment", segment: "s1", operator: "not_in" }, scored, ["a", "c"], {
      segments: { s1: ["b"] },
    });
  });
  it("AND, OR and negated groups", () => {
    const vip: Node = { type: "list", list: "vip", operator: "in" };
    const nps: Node = { type: "score", score: "nps", operator: "exists" };
    expectMembers({ type: "group", combinator: "and", children: [vip, nps] }, scored, ["a"]);
    expectMembers({ type: "group", combinator: "or", children: [vip, nps] }, scored, ["a", "b", "c"]);
    expectMembers({ type: "group", combinator: "and", negate: true, children: [vip, nps] }, scored, [
      "b",
      "c",
    ]);
    expectMembers({ type: "group", combinator: "or", negate: true, children: [vip] }, scored, ["b"]);
  });
});

function bucketHolds(id: string): boolean {
  return inBucket(bucketOf("ws_test", "spring", id), 50);
}

describe("events: aggregates, windows, where", () => {
  const d30 = { amount: 30, unit: "day" } as const;
  const edge = NOW - 30 * DAY;
  const buyers = [
    snapshot("edge", { events: [ev("buy", edge, { amount: 10 }), ev("buy", edge - 1, { amount: 100 })] }),
    snapshot("now", { events: [ev("buy", NOW, { amount: "5" }), ev("buy", NOW, { amount: 2 })] }),
    snapshot("future", { events: [ev("buy", NOW + 1, { amount: 1 })] }),
    snapshot("none"),
    snapshot("pages", {
      events: [
        ev("view", NOW - MINUTE, { page: "/pricing/team" }),
        ev("view", NOW - MINUTE, { page: "/docs" }),
      ],
    }),
  ];
  const within = { within_last: d30 };
  it("count within_last includes now - window and now, excludes the future", () =>
    expectMembers({ type: "event", event: "buy", window: within, operator: "eq", value: 1 }, buyers, [
      "edge",
    ]));
  it("count eq 0 holds for contacts who never did it", () =>
    expectMembers({ type: "event", event: "buy", window: within, operator: "eq", value: 0 }, buyers, [
      "future",
      "none",
      "pages",
    ]));
  it("no window counts future events; after X includes X", () => {
    expectMembers({ type: "event", event: "buy", operator: "gte", value: 1 }, buyers, [
      "edge",
      "now",
      "future",
    ]);
    expectMembers(
      {
        type: "event",
        event: "buy",
        window: { after: new Date(edge).toISOString() },
        operator: "gte",
        value: 1,
      },
      buyers,
      ["edge", "now", "future"],
    );
  });
  it("before and between are half-open", () => {
    const x = new Date(edge).toISOString();
    expectMembers({ type: "event", event: "buy", window: { before: x }, operator: "gte", value: 1 }, buyers, [
      "edge",
    ]);
    expectMembers(
      {
        type: "event",
        event: "buy",
        window: { between: [x, new Date(NOW).toISOString()] },
        operator: "eq",
        value: 1,
      },
      buyers,
      ["edge"],
    );
  });
  it("sum skips non-numbers; 0 when none", () => {
    expectMembers(
      {
        type: "event",
        event: "buy",
        measure: { aggregate: "sum", property: "amount" },
        operator: "eq",
        value: 2,
      },
      buyers,
      ["now"],
    );
    expectMembers(
      {
        type: "event",
        event: "buy",
        measure: { aggregate: "sum", property: "amount" },
        operator: "eq",
        value: 0,
      },
      buyers,
      ["none", "pages"],
    );
  });
  it("min/max/avg are missing without numeric values", () => {
    expectMembers(
      {
        type: "event",
        event: "buy",
        measure: { aggregate: "avg", property: "amount" },
        operator: "eq",
        value: 55,
      },
      buyers,
      ["edge"],
    );
    expectMembers(
      {
        type: "event",
        event: "buy",
        measure: { aggregate: "min", property: "amount" },
        operator: "not_exists",
      },
      buyers,
      ["none", "pages"],
    );
    expectMembers(
      {
        type: "event",
        event: "buy",
        measure: { aggregate: "max", property: "amount" },
        operator: "lt",
        value: 50,
      },
      buyers,
      ["now", "future"],
    );
  });
  it("where filters each event", () =>
    expectMembers(
      {
        type: "event",
        event: "view",
        where: [{ property: "page", operator: "starts_with", value: "/pricing" }],
        operator: "eq",
        value: 1,
      },
      buyers,
      ["pages"],
    ));
  it("event_time first/last, missing when never", () => {
    expectMembers(
      { type: "event_time", event: "buy", which: "last", operator: "more_than_ago", value: d30 },
      buyers,
      [],
    );
    expectMembers(
      { type: "event_time", event: "buy", which: "first", operator: "more_than_ago", value: d30 },
      buyers,
      ["edge"],
    );
    expectMembers(
      {
        type: "event_time",
        event: "buy",
        which: "last",
        operator: "within_next",
        value: { amount: 1, unit: "minute" },
      },
      buyers,
      ["now", "future"],
    );
    expectMembers({ type: "event_time", event: "buy", which: "last", operator: "not_exists" }, buyers, [
      "none",
      "pages",
    ]);
  });
});

describe("sequences", () => {
  const hour = { amount: 1, unit: "hour" } as const;
  const flows = [
    snapshot("ordered", { events: [ev("view", NOW - 50 * MINUTE), ev("buy", NOW - 10 * MINUTE)] }),
    snapshot("same-time", { events: [ev("view", NOW - 50 * MINUTE), ev("buy", NOW - 50 * MINUTE)] }),
    snapshot("too-slow", {
      events: [ev("view", NOW - 3 * 60 * MINUTE), ev("buy", NOW - 60 * MINUTE + 1 - 60 * MINUTE)],
    }),
    snapshot("exactly-within", {
      events: [ev("buy", NOW - 20 * MINUTE), ev("view", NOW - 120 * MINUTE), ev("view", NOW - 80 * MINUTE)],
    }),
    snapshot("reversed", { events: [ev("buy", NOW - 50 * MINUTE), ev("view", NOW - 10 * MINUTE)] }),
  ];
  const steps = [{ event: "view" }, { event: "buy" }];
  it("strictly increasing times, within the limit (inclusive)", () =>
    expectMembers({ type: "sequence", steps, within: hour, operator: "performed" }, flows, [
      "ordered",
      "exactly-within",
    ]));
  it("not_performed is the complement", () =>
    expectMembers({ type: "sequence", steps, within: hour, operator: "not_performed" }, flows, [
      "same-time",
      "too-slow",
      "reversed",
    ]));
  it("window selects the first step only", () =>
    expectMembers({ type: "sequence", steps, window: { within_last: hour }, operator: "performed" }, flows, [
      "ordered",
    ]));
  it("a step may repeat an event", () =>
    expectMembers(
      { type: "sequence", steps: [{ event: "view" }, { event: "view" }], operator: "performed" },
      flows,
      ["exactly-within"],
    ));
});
