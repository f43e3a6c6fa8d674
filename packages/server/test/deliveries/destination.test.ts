import { describe, expect, it } from "vitest";
import { checkDestination } from "../../src/deliveries/destination.ts";
import { isPrivateAddress } from "../../src/deliveries/private-address.ts";
import { retryDelay } from "../../src/deliveries/webhook-settings.ts";

describe("isPrivateAddress", () => {
  const denied = [
    "127.0.0.1",
    "127.255.0.9",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254", // cloud metadata
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "fc00::abcd",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::7f00:1",
  ];
  const allowed = ["93.184.216.34", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2606:4700::1111", "not an ip"];

  it.each(denied)("denies %s", (ip) => expect(isPrivateAddress(ip)).toBe(true));
  it.each(allowed)("allows %s", (ip) => expect(isPrivateAddress(ip)).toBe(false));
});

describe("checkDestination", () => {
  const dns = (table: Record<string, string[]>) => async (host: string) => {
    const addresses = table[host];
    if (addresses === undefined) throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const resolve = dns({ "public.test": ["93.184.216.34"], "mixed.test": ["93.184.216.34", "10.0.0.7"] });
  const check = (url: string) => checkDestination(new URL(url), resolve);

  it("refuses literals and names that reach a private address, whatever their spelling", async () => {
    for (const url of [
      "http://127.0.0.1/",
      "http://2130706433/", // 127.0.0.1 as one number: the URL parser normalises it
      "http://0x7f.1/",
      "http://[::1]:8080/",
      "https://localhost/",
      "https://api.localhost/",
      "http://mixed.test/", // one private address among public ones is enough
    ])
      expect(await check(url), url).toMatch(/loopback, private or link-local/);
  });

  it("accepts public destinations, and names that do not resolve yet (checked again at delivery)", async () => {
    expect(await check("https://public.test/hook")).toBeUndefined();
    expect(await check("https://93.184.216.34/hook")).toBeUndefined();
    expect(await check("https://unknown.test/hook")).toBeUndefined();
  });
});

describe("retryDelay", () => {
  it("doubles from the base up to the maximum", () => {
    const s = { retryBaseMs: 5_000, retryMaxMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 100].map((n) => retryDelay(n, s))).toEqual([
      5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000,
    ]);
  });
});
