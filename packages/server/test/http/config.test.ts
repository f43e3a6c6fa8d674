import { describe, expect, it } from "vitest";
import { loadConfig, sqlitePath } from "../../src/config.ts";

describe("loadConfig", () => {
  it("has the documented defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: "0.0.0.0", dataDir: "./data", databaseSchema: "public" });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.apiKey).toBeUndefined();
    expect(c.adminKey).toBeUndefined();
    expect(sqlitePath(c)).toBe("data/segments.db");
  });

  it("reads every variable; blank ones count as unset", () => {
    const c = loadConfig({
      PORT: "8080",
      SEGMENTS_DATA_DIR: "/var/lib/segments",
      SEGMENTS_DATABASE_URL: "postgres://db/segments",
      SEGMENTS_API_KEY: " k ",
      SEGMENTS_ADMIN_KEY: "",
    });
    expect(c).toMatchObject({
      port: 8080,
      dataDir: "/var/lib/segments",
      databaseUrl: "postgres://db/segments",
      apiKey: "k",
    });
    expect(c.adminKey).toBeUndefined();
  });

  it("names what is wrong", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT/);
  });
});
