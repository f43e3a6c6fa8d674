import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import xxhash from "xxhash-wasm";
import { MessageIdFilter, type StringHash } from "../../src/store/message-id-filter.ts";

let h32: StringHash;
beforeAll(async () => {
  h32 = (await xxhash()).h32;
});

describe("MessageIdFilter", () => {
  it("holds every key added, across many stages", () => {
    const f = new MessageIdFilter(h32, { firstCapacity: 64 });
    const keys = Array.from({ length: 20_000 }, (_, i) => `p\0ws\0msg-${i}\0`);
    for (const k of keys) f.add(k);
    expect(keys.filter((k) => !f.mightHave(k))).toEqual([]);
    expect(f.size).toBe(20_000);
  });

  it("holds any strings added (unicode, empty, separators)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 300 }), (keys) => {
        const f = new MessageIdFilter(h32, { firstCapacity: 8 });
        for (const k of keys) f.add(k);
        return keys.every((k) => f.mightHave(k));
      }),
    );
  });

  it("answers no for nearly every key never added, in one stage and in many", () => {
    for (const firstCapacity of [1 << 20, 512]) {
      const f = new MessageIdFilter(h32, { firstCapacity });
      for (let i = 0; i < 50_000; i++) f.add(`p\0ws\0seen-${i}\0`);
      let maybe = 0;
      for (let i = 0; i < 50_000; i++) if (f.mightHave(`p\0ws\0new-${i}\0`)) maybe++;
      // ~1% a stage; with 512 first, 50,000 keys fill 7 stages, the older ones full.
      expect(maybe / 50_000).toBeLessThan(firstCapacity === 512 ? 0.08 : 0.02);
    }
  });

  it("is empty until a key is added, and grows a stage at a time, each twice the last", () => {
    const f = new MessageIdFilter(h32, { firstCapacity: 1_024, bitsPerKey: 10 });
    expect(f.mightHave("anything")).toBe(false);
    expect(f.byteSize).toBe(0);
    f.add("a");
    // 1,024 keys × 10 bits, in blocks of 64 bytes.
    expect(f.byteSize).toBe(Math.ceil((1_024 * 10) / 512) * 64);
    for (let i = 0; i < 1_024; i++) f.add(`k${i}`);
    expect(f.byteSize).toBe(Math.ceil((1_024 * 10) / 512) * 64 + Math.ceil((2_048 * 10) / 512) * 64);
  });
});
