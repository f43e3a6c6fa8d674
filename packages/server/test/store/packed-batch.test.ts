import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packBatch, packedBuffers, unpackBatch } from "../../src/store/packed-batch.ts";
import { emptyBatch, type WriteBatch } from "../../src/store/write-batch.ts";

const id = fc.string({ maxLength: 12 });
// Any double: the adapters, not the transport, refuse NaN and fractions.
const number = fc.oneof(fc.integer(), fc.double());
const json = fc.jsonValue();

const batch: fc.Arbitrary<WriteBatch> = fc
  .record({
    messageIds: fc.array(id, { maxLength: 5 }),
    traits: fc.array(fc.record({ contactId: id, key: id, value: json, ts: number }), { maxLength: 4 }),
    events: fc.array(
      fc.record({
        contactId: id,
        event: id,
        timestamp: number,
        properties: fc.dictionary(id, json, { maxKeys: 3 }),
      }),
      { maxLength: 8 },
    ),
    memberships: fc.array(
      fc.record({
        segmentId: fc.constantFrom("a", "b", "é/c"),
        contactId: id,
        member: fc.boolean(),
        since: number,
      }),
      { maxLength: 12 },
    ),
    changes: fc.array(
      fc.record({
        segmentId: fc.oneof(fc.constantFrom("a", "b"), id),
        contactId: id,
        change: fc.constantFrom("entered" as const, "exited" as const),
        at: number,
        segmentVersion: number,
      }),
      { maxLength: 12 },
    ),
    deletedContacts: fc.array(id, { maxLength: 3 }),
  })
  .map((parts) => ({ ...emptyBatch("ws"), ...parts }));

describe("packed write batches (the commit thread's transport)", () => {
  it("unpack to an equal batch after a structured clone that transfers their buffers", () => {
    fc.assert(
      fc.property(batch, (b) => {
        const expected = structuredClone(b);
        const packed = packBatch(b);
        const received = structuredClone(packed, { transfer: packedBuffers(packed) });
        expect(unpackBatch(received)).toEqual(expected);
        // Transferred: the sender's columns are detached, so they cannot be read stale.
        if (b.changes.length > 0) expect(packed.changes.at.length).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("sends the contact ids once when each change is for the membership at its position, and unpacks them", () => {
    // As the pipeline writes them: a membership and its change together; then one contact differs.
    const paired = batch.chain((b) =>
      fc.tuple(fc.constant(b), fc.option(fc.nat({ max: 11 }), { nil: undefined })).map(([x, differ]) => {
        const changes = x.memberships.map((m, i) => ({
          segmentId: m.segmentId,
          contactId: differ === i ? `${m.contactId}!` : m.contactId,
          change: m.member ? ("entered" as const) : ("exited" as const),
          at: m.since,
          segmentVersion: i,
        }));
        return { ...x, changes };
      }),
    );
    fc.assert(
      fc.property(paired, (b) => {
        const expected = structuredClone(b);
        const packed = packBatch(b);
        const same = b.changes.every((c, i) => c.contactId === b.memberships[i].contactId);
        expect(packed.changes.contact === null).toBe(same);
        const received = structuredClone(packed, { transfer: packedBuffers(packed) });
        expect(unpackBatch(received)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps -0, infinities and NaN in the number columns for the adapters to judge", () => {
    const b = emptyBatch("ws");
    b.changes.push({ segmentId: "s", contactId: "c", change: "exited", at: -0, segmentVersion: Number.NaN });
    b.memberships.push({ segmentId: "s", contactId: "c", member: false, since: Number.POSITIVE_INFINITY });
    const out = unpackBatch(packBatch(b));
    expect(Object.is(out.changes[0].at, -0)).toBe(true);
    expect(out.changes[0].segmentVersion).toBeNaN();
    expect(out.memberships[0].since).toBe(Number.POSITIVE_INFINITY);
  });

  it("refuses a change that is neither an entry nor an exit", () => {
    const b = emptyBatch("ws");
    b.changes.push({ segmentId: "s", contactId: "c", change: "left" as never, at: 1, segmentVersion: 1 });
    expect(() => packBatch(b)).toThrow(/"entered" or "exited"/);
  });
});
