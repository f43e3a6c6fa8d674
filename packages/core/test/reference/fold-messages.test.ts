import { describe, expect, it } from "vitest";
import type { ContactMessage } from "../../src/model.ts";
import { foldMessages } from "../../src/reference/index.ts";

const identify = (traits: Record<string, unknown>, timestamp: number): ContactMessage => ({
  type: "identify",
  traits,
  timestamp,
});
const score = (value: number, timestamp: number): ContactMessage => ({
  type: "score",
  score: "nps",
  value,
  timestamp,
});

describe("foldMessages: traits", () => {
  const rows: readonly [string, ContactMessage[], Record<string, unknown>][] = [
    ["newer timestamp wins", [identify({ plan: "free" }, 1), identify({ plan: "pro" }, 2)], { plan: "pro" }],
    [
      "late identify does not overwrite a newer value",
      [identify({ plan: "pro" }, 2), identify({ plan: "free" }, 1)],
      { plan: "pro" },
    ],
    [
      "tie: the later received wins",
      [identify({ plan: "free" }, 5), identify({ plan: "pro" }, 5)],
      { plan: "pro" },
    ],
    [
      "tie the other way round",
      [identify({ plan: "pro" }, 5), identify({ plan: "free" }, 5)],
      { plan: "free" },
    ],
    ["null removes the key", [identify({ plan: "pro" }, 1), identify({ plan: null }, 2)], {}],
    [
      "late null removal is ignored",
      [identify({ plan: "pro" }, 2), identify({ plan: null }, 1)],
      { plan: "pro" },
    ],
    [
      "an older value after a newer removal stays removed",
      [identify({ plan: null }, 2), identify({ plan: "pro" }, 1)],
      {},
    ],
    [
      "a newer value after a removal comes back",
      [identify({ plan: null }, 1), identify({ plan: "pro" }, 2)],
      { plan: "pro" },
    ],
    ["removal on a tie, received later", [identify({ plan: "pro" }, 3), identify({ plan: null }, 3)], {}],
    ["removing a never-set key", [identify({ plan: null }, 1)], {}],
    [
      "keys merge independently",
      [identify({ plan: "pro", seats: 3 }, 2), identify({ plan: "free", city: "Oslo" }, 1)],
      { plan: "pro", seats: 3, city: "Oslo" },
    ],
    [
      "no deep merge: the top-level key is replaced",
      [identify({ ref: { count: 2, code: "x" } }, 1), identify({ ref: { count: 3 } }, 2)],
      { ref: { count: 3 } },
    ],
    [
      "literal dotted keys are top-level keys",
      [identify({ "ref.count": 1 }, 1), identify({ ref: { count: 2 } }, 2)],
      { "ref.count": 1, ref: { count: 2 } },
    ],
    ["falsy values are values", [identify({ a: 0, b: false, c: "" }, 1)], { a: 0, b: false, c: "" }],
  ];
  it.each(rows)("%s", (_, messages, expected) => {
    expect(foldMessages("u1", messages).properties).toEqual(expected);
  });

  it('keeps a "__proto__" trait as a plain property', () => {
    const traits = JSON.parse('{"__proto__": "x"}') as Record<string, unknown>;
    const props = foldMessages("u1", [identify(traits, 1)]).properties;
    expect(Object.hasOwn(props, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
  });
});

describe("foldMessages: scores", () => {
  const rows: readonly [string, ContactMessage[], Record<string, number>][] = [
    ["newer wins", [score(3, 1), score(9, 2)], { nps: 9 }],
    ["late score does not overwrite", [score(9, 2), score(3, 1)], { nps: 9 }],
    ["tie: the later received wins", [score(9, 2), score(3, 2)], { nps: 3 }],
    ["zero is a value", [score(0, 1)], { nps: 0 }],
    ["no score messages", [identify({ nps: 5 }, 1)], {}],
  ];
  it.each(rows)("%s", (_, messages, expected) => {
    expect(foldMessages("u1", messages).scores).toEqual(expected);
  });
});

describe("foldMessages: events, lists and id", () => {
  it("keeps every track as an event at its own time, in receive order", () => {
    const snapshot = foldMessages("u1", [
      { type: "track", event: "buy", properties: { amount: 5 }, timestamp: 10 },
      { type: "track", event: "view", properties: {}, timestamp: 3 },
      { type: "track", event: "buy", properties: { amount: 5 }, timestamp: 10 },
    ]);
    expect(snapshot.events).toEqual([
      { event: "buy", timestamp: 10, properties: { amount: 5 } },
      { event: "view", timestamp: 3, properties: {} },
      { event: "buy", timestamp: 10, properties: { amount: 5 } },
    ]);
  });

  const list = (id: string, member: boolean): ContactMessage => ({ type: "list", list: id, member });
  const rows: readonly [string, ContactMessage[], string[]][] = [
    ["add", [list("vip", true)], ["vip"]],
    ["add then remove", [list("vip", true), list("vip", false)], []],
    ["remove then add", [list("vip", false), list("vip", true)], ["vip"]],
    ["add twice is one membership", [list("vip", true), list("vip", true)], ["vip"]],
    ["independent lists", [list("a", true), list("b", true), list("a", false)], ["b"]],
  ];
  it.each(rows)("lists: %s", (_, messages, expected) => {
    expect(foldMessages("u1", messages).lists).toEqual(expected);
  });

  it("uses the given id and starts empty", () => {
    expect(foldMessages("user_7", [])).toEqual({
      id: "user_7",
      properties: {},
      scores: {},
      lists: [],
      events: [],
    });
  });
});
