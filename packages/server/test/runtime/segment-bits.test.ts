import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clearBit, hasBit, SegmentOrdinals, setBit, setBits } from "../../src/runtime/segment-bits.ts";

describe("segment bits", () => {
  it("behave as a set of segment numbers, across word edges", () => {
    const op = fc.record({ add: fc.boolean(), o: fc.integer({ min: 0, max: 200 }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const words: number[] = [];
        const model = new Set<number>();
        for (const { add, o } of ops) {
          const changed = add ? setBit(words, o) : clearBit(words, o);
          expect(changed).toBe(add ? !model.has(o) : model.has(o));
          if (add) model.add(o);
          else model.delete(o);
        }
        expect(setBits(words)).toEqual([...model].sort((a, b) => a - b));
        for (let o = 0; o <= 200; o++) expect(hasBit(words, o)).toBe(model.has(o));
        // Small integers only: V8 keeps such arrays unboxed.
        for (const w of words) expect(Number.isInteger(w) && w >= 0 && w < 2 ** 30).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("numbers segments densely and never reuses a number", () => {
    const o = new SegmentOrdinals();
    expect([o.of("a"), o.of("b"), o.of("a"), o.of("c")]).toEqual([0, 1, 0, 2]);
    expect(o.idAt(1)).toBe("b");
  });
});
