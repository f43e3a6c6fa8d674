/** An event block's compaction: every row in time order, ties in arrival order, columns moved along. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventBlock } from "../../src/set/event-block.ts";
import { StringDictionary } from "../../src/set/string-dictionary.ts";

type Row = { contact: number; ts: number; tag?: string | number };

/** The block's rows as plain objects, in row order. */
function rowsOf(block: EventBlock): Row[] {
  const tags = block.props.get("tag");
  return Array.from({ length: block.rows }, (_, r) => {
    const tag = tags?.get(r);
    return {
      contact: block.contact[r],
      ts: block.ts[r],
      ...(tag === undefined ? {} : { tag: tag as string | number }),
    };
  });
}

const appendAll = (block: EventBlock, rows: Row[], dict: StringDictionary, compactAt: Set<number>) => {
  for (const [k, row] of rows.entries()) {
    block.append(row.contact, row.ts, row.tag === undefined ? {} : { tag: row.tag }, dict);
    if (compactAt.has(k)) block.compact();
  }
};

describe("EventBlock.compact", () => {
  it("orders every row by time, equal times in arrival order, whatever was compacted before", () => {
    const row = fc.record(
      {
        contact: fc.integer({ min: 0, max: 50 }),
        // Few distinct times, so that ties are common.
        ts: fc.integer({ min: 0, max: 20 }),
        tag: fc.oneof(fc.constantFrom("a", "b", "c"), fc.integer({ min: -5, max: 5 })),
      },
      { requiredKeys: ["contact", "ts"] },
    );
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 200 }),
        fc.uniqueArray(fc.nat(200), { maxLength: 5 }),
        (rows, compactAt) => {
          const dict = new StringDictionary();
          const block = new EventBlock();
          appendAll(block, rows, dict, new Set(compactAt));
          block.compact();
          // Array.prototype.sort is stable: equal times keep their arrival order.
          const expected = [...rows].sort((a, b) => a.ts - b.ts);
          expect(rowsOf(block)).toEqual(expected);
          expect(block.sorted).toBe(rows.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps an in-order stream in the sorted part, and a late row in the tail until compacted", () => {
    const dict = new StringDictionary();
    const block = new EventBlock();
    appendAll(
      block,
      [
        { contact: 1, ts: 10 },
        { contact: 2, ts: 20 },
        { contact: 3, ts: 15 },
        { contact: 4, ts: 30 },
      ],
      dict,
      new Set(),
    );
    expect(block.sorted).toBe(2);
    block.compact();
    expect(Array.from(block.contact)).toEqual([1, 3, 2, 4]);
    expect(Array.from(block.ts)).toEqual([10, 15, 20, 30]);
  });
});
