import { describe, expect, it } from "vitest";
import { toJsonPointer } from "../../src/validate/index.ts";

describe("toJsonPointer", () => {
  it("is empty for the root and joins keys and indexes", () => {
    expect(toJsonPointer([])).toBe("");
    expect(toJsonPointer(["children", 2, "value"])).toBe("/children/2/value");
  });

  it("escapes ~ before / so that each reads back unambiguously (RFC 6901)", () => {
    expect(toJsonPointer(["a/b", "m~n", "~1", ""])).toBe("/a~1b/m~0n/~01/");
  });
});
