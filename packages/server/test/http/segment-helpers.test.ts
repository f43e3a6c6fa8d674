import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareCodePoints } from "../../src/http/audiences/code-point-order.ts";
import { idsFromCsv } from "../../src/http/lists/csv-ids.ts";
import { csvCell, csvRow } from "../../src/http/segments/csv-cell.ts";
import { decodeCursor, encodeCursor } from "../../src/http/segments/member-cursor.ts";
import { intervalCount, intervalStarts, SegmentHistory } from "../../src/http/segments/segment-history.ts";

const params = { seed: 20260101, numRuns: 300 };
// Strings as the API accepts them: well-formed Unicode (lone surrogates are refused at the edge).
const text = fc.string({ unit: "grapheme", maxLength: 12 });
const id = text.filter((s) => s.length > 0 && !s.includes("\u0000"));

describe("compareCodePoints", () => {
  it("orders strings as their UTF-8 bytes (the stores' order)", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const bytes = Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(Math.sign(compareCodePoints(a, b))).toBe(bytes);
      }),
      params,
    );
  });
});

describe("member cursors", () => {
  it("round-trip any id and refuse anything else", () => {
    fc.assert(
      fc.property(id, (s) => decodeCursor(encodeCursor(s)) === s),
      params,
    );
    for (const bad of ["", "abc", "YWJj", "!!", `${encodeCursor("x")}=`, encodeCursor("x").slice(1)]) {
      expect(decodeCursor(bad)).toBeUndefined();
    }
  });
});

describe("CSV", () => {
  it("defuses formulas and quotes what needs quoting", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("\r\n")).toBe(`"'\r\n"`);
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("")).toBe("");
    expect(csvRow(["a", "b,c"])).toBe('a,"b,c"\r\n');
  });

  it("reads back the first cell of every row it writes", () => {
    const safe = id.filter((s) => !/^[=+\-@\t\r]/.test(s) && s !== "id" && s !== "contact_id");
    fc.assert(
      fc.property(fc.array(fc.tuple(safe, text), { maxLength: 20 }), (rows) => {
        const body = rows.map(([a, b]) => csvRow([a, b])).join("");
        expect(idsFromCsv(body)).toEqual(rows.map(([a]) => a));
      }),
      params,
    );
  });

  it("skips a header, blank rows and a byte order mark; keeps cells exactly", () => {
    expect(idsFromCsv("\uFEFFid\n a \n\n\r\nb,c\rd")).toEqual([" a ", "b", "d"]);
    expect(idsFromCsv("")).toEqual([]);
    expect(idsFromCsv('x,"y""",z\r\n')).toEqual(["x"]);
    expect(() => idsFromCsv('"open')).toThrow(/unclosed quote/);
  });
});

describe("segment history", () => {
  const H = 3_600_000;

  it("aligns intervals to UTC and counts them without making them", () => {
    expect(intervalStarts(H + 5, 3 * H, "hour")).toEqual([H, 2 * H]);
    expect(intervalCount(H + 5, 3 * H, "hour")).toBe(2);
    expect(intervalStarts(H, H, "hour")).toEqual([]);
  });

  it("each size is the previous one plus entries minus exits, ending at the log's replay", () => {
    const change = fc.record({ at: fc.integer({ min: 0, max: 10 * H }), entered: fc.boolean() });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), fc.integer({ min: 0, max: 9 * H }), (log, from) => {
        const to = 10 * H + 1;
        const history = new SegmentHistory(intervalStarts(from, to, "hour"), "hour", to);
        for (const c of log) history.add({ at: c.at, change: c.entered ? "entered" : "exited" });
        const points = history.points();
        const before = log.filter((c) => c.at < points[0].at).reduce((n, c) => n + (c.entered ? 1 : -1), 0);
        let size = before;
        for (const p of points) {
          size += p.entered - p.exited;
          expect(p.size).toBe(size);
        }
        expect(size).toBe(log.reduce((n, c) => n + (c.entered ? 1 : -1), 0));
      }),
      params,
    );
  });
});
