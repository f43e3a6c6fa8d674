/**
 * fast-check generators of rules and contact data drawn from small vocabularies, so that random
 * rules and random data actually meet: equal values, shared event names, times on a 30-minute
 * lattice that land exactly on window edges.
 */
import fc from "fast-check";
import type { Condition, Duration, EventFilter, Group, Node, Window } from "../../src/index.ts";
import type { ContactMessage } from "../../src/model.ts";

export const T0 = Date.UTC(2026, 0, 1);
const STEP = 30 * 60_000;
export const DURATIONS: Duration[] = [
  { amount: 30, unit: "minute" },
  { amount: 2, unit: "hour" },
  { amount: 1, unit: "day" },
  { amount: 3, unit: "day" },
  { amount: 1, unit: "week" },
];

export const time = fc.integer({ min: -150, max: 150 }).map((n) => T0 + n * STEP);
const iso = time.map((t) => new Date(t).toISOString());
const isoRange = fc
  .tuple(time, time)
  .map(([a, b]) => [a, b].sort((x, y) => x - y).map((t) => new Date(t).toISOString()) as [string, string]);
const duration = fc.constantFrom(...DURATIONS);

const STRINGS = ["free", "pro", "Free", "PRO", "team", "abc", "5", "", "2026-01-02", "2026-01-02T12:00:00Z"];
const str = fc.constantFrom(...STRINGS);
const substr = fc.constantFrom("fr", "pro", "e", "Pro", "", "2026");
const num = fc.constantFrom(-1, 0, 1, 2, 3, 5, 7.5, 100);
const scalar = fc.oneof(str, num);
const numRange = fc.tuple(num, num).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number]);

/** A data value of any type, dates and epoch ms included. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  str,
  num,
  iso,
  time,
  fc.boolean(),
  fc.constant(null),
  fc.array(str, { maxLength: 3 }),
  fc.record({ count: num }),
);

/** Operator + value pairs valid for a field of any type (properties, where filters). */
function anyComparison(relative: boolean) {
  const choices = [
    fc.record({ operator: fc.constantFrom("exists", "not_exists", "is_true", "is_false") }),
    fc.record({ operator: fc.constantFrom("eq", "neq"), value: scalar, ignore_case: fc.boolean() }),
    fc.record({
      operator: fc.constantFrom("in", "not_in"),
      value: fc.array(scalar, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      operator: fc.constantFrom("contains", "not_contains", "starts_with", "ends_with"),
      value: substr,
      ignore_case: fc.boolean(),
    }),
    fc.record({ operator: fc.constantFrom("gt", "gte", "lt", "lte"), value: num }),
    fc.record({ operator: fc.constant("between"), value: fc.oneof(numRange, isoRange) }),
    fc.record({ operator: fc.constantFrom("before", "after"), value: iso }),
    fc.record({
      operator: fc.constantFrom("includes", "not_includes"),
      value: str,
      ignore_case: fc.boolean(),
    }),
    fc.record({
      operator: fc.constantFrom("includes_any", "includes_all"),
      value: fc.array(str, { minLength: 1, maxLength: 3 }),
    }),
  ];
  if (relative)
    choices.push(
      fc.record({
        operator: fc.constantFrom("within_last", "more_than_ago", "within_next"),
        value: duration,
      }) as never,
    );
  return fc.oneof(...choices);
}

const numberComparison = fc.oneof(
  fc.record({ operator: fc.constantFrom("exists", "not_exists") }),
  fc.record({
    operator: fc.constantFrom("eq", "neq", "gt", "gte", "lt", "lte"),
    value: fc.constantFrom(0, 1, 2, 3, 5, 7.5, 10),
  }),
  fc.record({
    operator: fc.constantFrom("in", "not_in"),
    value: fc.array(fc.constantFrom(0, 1, 2, 3, 5), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ operator: fc.constant("between"), value: numRange }),
);

const dateComparison = fc.oneof(
  fc.record({ operator: fc.constantFrom("exists", "not_exists") }),
  fc.record({ operator: fc.constant("between"), value: isoRange }),
  fc.record({ operator: fc.constantFrom("before", "after"), value: iso }),
  fc.record({ operator: fc.constantFrom("within_last", "more_than_ago", "within_next"), value: duration }),
);

export const PROPERTIES = ["plan", "age", "signup", "tags", "flag", "ref.count", "ref"];
export const EVENTS = ["a", "b", "c"];

/** Properties whose values usually have the type an operator reads, so that random rules match. */
function typicalProperties(op: string): string[] {
  if (["gt", "gte", "lt", "lte", "between"].includes(op)) return ["age", "ref.count"];
  if (["before", "after", "within_last", "more_than_ago", "within_next", "between"].includes(op))
    return ["signup"];
  if (["is_true", "is_false"].includes(op)) return ["flag"];
  if (op.includes("includes")) return ["tags"];
  if (["exists", "not_exists"].includes(op)) return PROPERTIES;
  return ["plan", "age"];
}

const where: fc.Arbitrary<EventFilter[] | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  {
    arbitrary: fc.array(
      fc
        .tuple(fc.constantFrom("page", "amount", "kind", "at"), anyComparison(false))
        .map(([property, c]) => ({ property, ...c }) as EventFilter),
      { maxLength: 2 },
    ),
    weight: 2,
  },
);

const window: fc.Arbitrary<Window | undefined> = fc.option(
  fc.oneof(
    duration.map((d) => ({ within_last: d })),
    duration.map((d) => ({ within_last: d })),
    iso.map((x) => ({ after: x })),
    iso.map((x) => ({ before: x })),
    isoRange.map((r) => ({ between: r })),
  ),
  { nil: undefined, freq: 3 },
);

/** Any condition; `segments` lists the ids a `segment` condition may reference. */
export function condition(segments: string[]): fc.Arbitrary<Condition> {
  const kinds: fc.Arbitrary<Condition>[] = [
    anyComparison(true).chain((c) =>
      fc
        .oneof(
          { arbitrary: fc.constantFrom(...typicalProperties(c.operator)), weight: 4 },
          { arbitrary: fc.constantFrom(...PROPERTIES), weight: 1 },
        )
        .map((property) => ({ type: "property", property, ...c }) as Condition),
    ),
    fc
      .tuple(fc.constantFrom("nps", "eng"), numberComparison)
      .map(([score, c]) => ({ type: "score", score, ...c }) as Condition),
    fc
      .record({
        event: fc.constantFrom(...EVENTS),
        where,
        window,
        measure: fc.option(
          fc.oneof(
            fc.constant({ aggregate: "count" as const }),
            fc.record({
              aggregate: fc.constantFrom("sum" as const, "min" as const, "max" as const, "avg" as const),
              property: fc.constantFrom("amount", "n"),
            }),
          ),
          { nil: undefined },
        ),
        c: numberComparison,
      })
      .map(({ c, ...rest }) => strip({ type: "event", ...rest, ...c }) as Condition),
    fc
      .record({
        event: fc.constantFrom(...EVENTS),
        which: fc.constantFrom("first" as const, "last" as const),
        where,
        c: dateComparison,
      })
      .map(({ c, ...rest }) => strip({ type: "event_time", ...rest, ...c }) as Condition),
    fc
      .record({
        steps: fc.array(fc.record({ event: fc.constantFrom(...EVENTS), where }).map(strip), {
          minLength: 1,
          maxLength: 3,
        }),
        within: fc.option(duration, { nil: undefined }),
        window,
        operator: fc.constantFrom("performed" as const, "not_performed" as const),
      })
      .map((c) => strip({ type: "sequence", ...c }) as Condition),
    fc
      .record({
        list: fc.constantFrom("l1", "l2"),
        operator: fc.constantFrom("in" as const, "not_in" as const),
      })
      .map((c) => ({ type: "list", ...c }) as Condition),
    fc
      .record({ salt: fc.constantFrom("x", "y"), percent: fc.constantFrom(0, 10, 50, 33.3, 99.99, 100) })
      .map((c) => ({ type: "bucket", ...c }) as Condition),
  ];
  if (segments.length > 0) {
    kinds.push(
      fc
        .record({
          segment: fc.constantFrom(...segments),
          operator: fc.constantFrom("in" as const, "not_in" as const),
        })
        .map((c) => ({ type: "segment", ...c }) as Condition),
    );
  }
  // Weights: the kinds with the most semantics (events, properties, time) get the most cases.
  const weights = [4, 1, 5, 2, 3, 1, 1, 1];
  return fc.oneof(...kinds.map((arbitrary, i) => ({ arbitrary, weight: weights[i] })));
}

/** A rule tree up to `depth` levels of groups (the root is a group). */
export function rule(segments: string[], depth = 4): fc.Arbitrary<Group> {
  const node = fc.letrec<{ node: Node; group: Group }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", maxDepth: depth, withCrossShrink: true },
      condition(segments),
      tie("group"),
    ),
    group: fc
      .record({
        type: fc.constant("group" as const),
        combinator: fc.constantFrom("and" as const, "or" as const),
        negate: fc.option(fc.boolean(), { nil: undefined }),
        children: fc.array(tie("node"), { minLength: 1, maxLength: 4 }),
      })
      .map(strip),
  }));
  return node.group;
}

/** Per trait key, values of its usual type most of the time, anything sometimes. */
const TYPED: Record<string, fc.Arbitrary<unknown>> = {
  plan: str,
  age: num,
  signup: fc.oneof(iso, time),
  tags: fc.array(str, { maxLength: 3 }),
  flag: fc.boolean(),
  ref: fc.record({ count: num }),
  "ref.count": num,
  other: str,
};
const traitValue = (key: string) =>
  fc.oneof({ arbitrary: TYPED[key], weight: 4 }, { arbitrary: anyValue, weight: 1 });
const traits = fc
  .subarray(Object.keys(TYPED), { minLength: 1, maxLength: 3 })
  .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, traitValue(k)]))));
const initialTraits = fc
  .subarray(Object.keys(TYPED), { minLength: 3 })
  .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, traitValue(k)]))));
const eventProps = fc.record(
  { page: str, amount: fc.oneof(num, str), kind: str, at: fc.oneof(iso, time), n: num },
  { requiredKeys: [] },
);

const message: fc.Arbitrary<ContactMessage> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant("identify" as const), traits, timestamp: time }), weight: 2 },
  {
    arbitrary: fc.record({
      type: fc.constant("track" as const),
      event: fc.constantFrom("a", "a", "b", "b", "c", "other"),
      properties: eventProps,
      timestamp: time,
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      type: fc.constant("score" as const),
      score: fc.constantFrom("nps", "eng"),
      value: num,
      timestamp: time,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      type: fc.constant("list" as const),
      list: fc.constantFrom("l1", "l2", "l3"),
      member: fc.boolean(),
    }),
    weight: 1,
  },
);

/** One contact's messages in receive order (a first identify, then anything, late and out of order). */
export const messages: fc.Arbitrary<ContactMessage[]> = fc
  .tuple(
    fc.option(fc.record({ type: fc.constant("identify" as const), traits: initialTraits, timestamp: time }), {
      freq: 5,
      nil: undefined,
    }),
    fc.array(message, { maxLength: 40, size: "max" }),
  )
  .map(([first, rest]) => (first === undefined ? rest : [first, ...rest]));

/** Drops keys whose value is undefined, as JSON would. */
function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Instants where truth tends to change for this data and these durations: edges and their neighbours. */
export function interestingInstants(msgs: readonly ContactMessage[]): number[] {
  const out: number[] = [];
  for (const m of msgs) {
    if (m.type === "list") continue;
    for (const d of DURATIONS) {
      const ms = d.amount * { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 }[d.unit];
      const t = m.timestamp;
      out.push(t - 1, t, t + ms, t + ms + 1, t - ms);
    }
  }
  return out;
}
