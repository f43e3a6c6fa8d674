import { describe, expect, it } from "vitest";
import { batch, change, type Harness, newWorkspace } from "./harness.ts";

export function membershipAtTests(h: Harness): void {
  describe("membership as of an instant", () => {
    it.each([
      [99, { member: false }],
      [100, { member: true, since: 100 }],
      [150, { member: true, since: 100 }],
      [199, { member: true, since: 100 }],
      [200, { member: false }],
      [250, { member: false }],
      [300, { member: true, since: 300 }],
      [8_000_000_000_000, { member: true, since: 300 }],
    ])(
      "answers at %i from the last change at or before it, through exit and re-entry",
      async (at, expected) => {
        const ws = await newWorkspace(h.store);
        const log = [
          change("s1", "c1", "entered", 100),
          change("s1", "c2", "entered", 120),
          change("s1", "c1", "exited", 200),
          change("s2", "c1", "entered", 250),
          change("s1", "c1", "entered", 300, 2),
        ];
        await h.store.commit(batch(ws, { changes: log.slice(0, 2) }));
        await h.store.commit(batch(ws, { changes: log.slice(2) }));
        expect(await h.store.membershipAt(ws, "s1", "c1", at)).toEqual(expected);
      },
    );

    it("is not a member with no change, in another segment, or for another contact", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(batch(ws, { changes: [change("s1", "c1", "entered", 100)] }));
      expect(await h.store.membershipAt(ws, "s1", "c2", 500)).toEqual({ member: false });
      expect(await h.store.membershipAt(ws, "s9", "c1", 500)).toEqual({ member: false });
      expect(await h.store.membershipAt(ws, "s1", "c1", 500)).toEqual({ member: true, since: 100 });
    });

    it("lets the later change in the log win among changes at the same instant", async () => {
      const ws = await newWorkspace(h.store);
      await h.store.commit(
        batch(ws, { changes: [change("s1", "c1", "entered", 500), change("s1", "c1", "exited", 500)] }),
      );
      expect(await h.store.membershipAt(ws, "s1", "c1", 500)).toEqual({ member: false });
      await h.store.commit(batch(ws, { changes: [change("s1", "c1", "entered", 500)] }));
      expect(await h.store.membershipAt(ws, "s1", "c1", 500)).toEqual({ member: true, since: 500 });
      expect(await h.store.membershipAt(ws, "s1", "c1", 499)).toEqual({ member: false });
    });
  });
}
