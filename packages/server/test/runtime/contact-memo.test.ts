import { ContactState, StateLayout } from "@growthos/segments-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clearMembers,
  dueKnown,
  dueStamp,
  duesInto,
  earliestDue,
  forgetDues,
  isMember,
  memberOrdinals,
  restoredHost,
  setDues,
  setMember,
} from "../../src/runtime/contact-memo.ts";
import { SegmentOrdinals } from "../../src/runtime/segment-ordinals.ts";

const layout = StateLayout.fromRules([]);
const instant = fc.oneof(
  // Around now (packed), before 2024 and far ahead (kept as pairs), fractional and negative.
  fc.integer({ min: 1_704_067_200_000, max: 1_704_067_200_000 + 2 ** 41 - 1 }),
  fc.integer({ min: 0, max: 1_704_067_199_999 }),
  fc.integer({ min: 1_704_067_200_000 + 2 ** 41, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ min: -1e15, max: 1e15, noNaN: true }),
);
const ordinal = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 4090, max: 5000 }));
const op = fc.oneof(
  fc.record({ kind: fc.constant("member" as const), o: ordinal, member: fc.boolean() }),
  fc.record({
    kind: fc.constant("dues" as const),
    pairs: fc.array(fc.tuple(ordinal, instant), { maxLength: 12 }),
  }),
  fc.record({ kind: fc.constant("forget" as const) }),
  fc.record({ kind: fc.constant("clear" as const) }),
);

describe("contact memo", () => {
  it("keeps memberships and next changes exactly, through every kind of update", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const s = new ContactState("c", layout);
        const members = new Set<number>();
        let dues: [number, number][] | undefined;
        for (const x of ops) {
          if (x.kind === "member") {
            expect(setMember(s, x.o, x.member)).toBe(members.has(x.o) !== x.member);
            if (x.member) members.add(x.o);
            else members.delete(x.o);
          } else if (x.kind === "dues") {
            setDues(s, x.pairs.flat());
            dues = x.pairs;
          } else if (x.kind === "forget") {
            forgetDues(s);
            dues = undefined;
          } else {
            clearMembers(s);
            members.clear();
          }
          expect(memberOrdinals(s)).toEqual([...members].sort((a, b) => a - b));
          for (let o = 0; o <= 210; o++) expect(isMember(s, o)).toBe(members.has(o));
          expect(dueKnown(s)).toBe(dues !== undefined);
          // Written after a prefix that stays, as a reused array is.
          const out = [-7, -8];
          const end = duesInto(s, out, 2);
          expect(end).toBe(out.length);
          expect(out).toEqual([-7, -8, ...(dues ?? []).flat()]);
          expect(earliestDue(s)).toBe(Math.min(Number.POSITIVE_INFINITY, ...(dues ?? []).map((d) => d[1])));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("stores member words as small integers and packs a next change in one number", () => {
    const s = new ContactState("c", layout);
    setMember(s, 29, true);
    setMember(s, 95, true);
    setDues(s, [3, Date.UTC(2026, 10, 29), 95, Date.UTC(2026, 11, 1)]);
    // [words, known, 4 words, 2 packed next changes]
    expect(s.host).toHaveLength(2 + 4 + 2);
    for (const w of s.host.slice(2, 6)) expect(Number.isInteger(w) && w >= 0 && w < 2 ** 30).toBe(true);
    setDues(s, [4096, Date.UTC(2026, 10, 29)]);
    expect(s.host).toHaveLength(2 + 4 + 2);
  });

  it("rewrites the next changes in place when they fit, with a stamp that changes every time", () => {
    const s = new ContactState("c", layout);
    setMember(s, 40, true);
    setDues(s, [1, Date.UTC(2026, 10, 29), 2, Date.UTC(2026, 10, 30)]);
    const host = s.host;
    const stamps = new Set([dueStamp(s)]);
    // The first pass's array is exact: [words, stamp, 2 words, 2 packed next changes].
    expect(host).toHaveLength(2 + 2 + 2);
    // Fewer, then as many: the same array (nothing for the scavenger to promote).
    setDues(s, [3, Date.UTC(2026, 11, 1)]);
    expect(s.host).toBe(host);
    expect(earliestDue(s)).toBe(Date.UTC(2026, 11, 1));
    stamps.add(dueStamp(s));
    setDues(s, [4, Date.UTC(2026, 11, 2), 5, Date.UTC(2026, 11, 3)]);
    expect(s.host).toBe(host);
    stamps.add(dueStamp(s));
    // More than it holds: a new array with room for two more, used by the next growth.
    setDues(s, [1, 1, 2, 2, 3, 3]);
    expect(s.host).not.toBe(host);
    expect(s.host).toHaveLength(2 + 2 + 6 + 2);
    const grown = s.host;
    stamps.add(dueStamp(s));
    setDues(s, [1, 1, 2, 2, 3, 3, 4, Date.UTC(2026, 11, 4), 5, Date.UTC(2026, 11, 5)]);
    expect(s.host).toBe(grown);
    stamps.add(dueStamp(s));
    const out: number[] = [];
    expect(duesInto(s, out, 0)).toBe(10);
    expect(out).toEqual([1, 1, 2, 2, 3, 3, 4, Date.UTC(2026, 11, 4), 5, Date.UTC(2026, 11, 5)]);
    setMember(s, 200, true); // more member words: the array is rewritten
    stamps.add(dueStamp(s));
    expect(stamps.size).toBe(6);
    expect(isMember(s, 40) && isMember(s, 200)).toBe(true);
    forgetDues(s);
    expect(dueStamp(s)).toBe(0);
    expect(memberOrdinals(s)).toEqual([40, 200]);
  });

  it("restores a snapshot's stamps as 1, which no later rewrite gives", () => {
    const s = new ContactState("c", layout);
    setDues(s, [1, Date.UTC(2026, 10, 29)]);
    const copy = restoredHost([...s.host]);
    expect(copy[1]).toBe(1);
    expect(restoredHost([1, 0, 5])[1]).toBe(0);
    setDues(s, [1, Date.UTC(2026, 10, 29)]);
    expect(dueStamp(s)).toBeGreaterThan(1);
  });

  it("never writes into the shared empty array a new state starts with", () => {
    const a = new ContactState("a", layout);
    const b = new ContactState("b", layout);
    setMember(a, 3, true);
    setDues(a, [1, 1_800_000_000_000]);
    expect(b.host).toEqual([]);
    expect(isMember(b, 3)).toBe(false);
    expect(dueKnown(b)).toBe(false);
  });
});

describe("segment ordinals", () => {
  it("numbers segments densely and never reuses a number", () => {
    const o = new SegmentOrdinals();
    expect([o.of("a"), o.of("b"), o.of("a"), o.of("c")]).toEqual([0, 1, 0, 2]);
    expect(o.idAt(1)).toBe("b");
  });
});
