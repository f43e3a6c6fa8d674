/** The change log's run values: what is encoded, in either form, decodes to the same changes. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Change,
  decodeLogRun,
  decodeSegmentRun,
  encodeLogRun,
  encodeSegmentRun,
} from "../../src/store/level/change-run-codec.ts";

/** Changes of a commit: few instants and versions, so that runs come both as columns and as tuples. */
const commitChanges = fc.array(
  fc.record({
    segmentId: fc.constantFrom("s0", "s1", 'seg "quoted"', "ségment\u0000x"),
    contactId: fc.string({ maxLength: 12 }),
    change: fc.constantFrom("entered" as const, "exited" as const),
    at: fc.constantFrom(1_700_000_000_000, 1_700_000_000_001, -5),
    segmentVersion: fc.constantFrom(1, 2),
  }),
  { minLength: 1, maxLength: 60 },
);

const sameAt = (cs: Change[]) => cs.map((c) => ({ ...c, at: cs[0].at }));

describe("change run values", () => {
  it("decode a run of the whole log to its changes, numbered from the key's seq", () => {
    fc.assert(
      fc.property(commitChanges, fc.boolean(), fc.nat(1000), fc.nat(), (raw, shared, cut, firstSeq) => {
        const changes = shared ? sameAt(raw) : raw;
        const from = cut % changes.length;
        const decoded = decodeLogRun(firstSeq, encodeLogRun(changes, from, changes.length));
        expect(decoded).toEqual(changes.slice(from).map((c, i) => ({ seq: firstSeq + i, ...c })));
      }),
    );
  });

  it("decode a segment's run to its changes with their own seqs", () => {
    fc.assert(
      fc.property(commitChanges, fc.boolean(), fc.nat(), (raw, shared, firstSeq) => {
        const changes = shared ? sameAt(raw) : raw;
        const segmentId = changes[0].segmentId;
        const indices = changes.flatMap((c, i) => (c.segmentId === segmentId ? [i] : []));
        const text = encodeSegmentRun(changes, firstSeq, indices);
        const decoded = decodeSegmentRun(segmentId, firstSeq + indices[0], text);
        expect(decoded).toEqual(indices.map((i) => ({ seq: firstSeq + i, ...changes[i] })));
      }),
    );
  });

  it("write columns when the changes share an instant and each segment one version, else tuples", () => {
    const c = (segmentId: string, at: number, segmentVersion: number): Change => ({
      segmentId,
      contactId: "u1",
      change: "entered",
      at,
      segmentVersion,
    });
    expect(encodeLogRun([c("a", 1, 1), c("b", 1, 2), c("a", 1, 1)], 0, 3)).toMatch(/^\{/);
    expect(encodeLogRun([c("a", 1, 1), c("a", 2, 1)], 0, 2)).toMatch(/^\[/);
    expect(encodeLogRun([c("a", 1, 1), c("a", 1, 2)], 0, 2)).toMatch(/^\[/);
    expect(encodeSegmentRun([c("a", 1, 1), c("b", 9, 9), c("a", 1, 1)], 10, [0, 2])).toMatch(/^\{/);
    expect(encodeSegmentRun([c("a", 1, 1), c("a", 1, 3)], 10, [0, 1])).toMatch(/^\[/);
  });
});
