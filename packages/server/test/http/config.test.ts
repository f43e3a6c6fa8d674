import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedStore, loadConfig } from "../../src/config.ts";

describe("loadConfig", () => {
  it("has the documented defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: "0.0.0.0", dataDir: "./data", databaseSchema: "public" });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.apiKey).toBeUndefined();
    expect(c.adminKey).toBeUndefined();
    expect(c.embeddedEngine).toBeUndefined();
  });

  it("puts a new data directory on LevelDB, keeps one that holds SQLite data on SQLite, and obeys SEGMENTS_EMBEDDED_STORE", () => {
    const dir = mkdtempSync(join(tmpdir(), "segments-config-"));
    try {
      const fresh = join(dir, "fresh");
      expect(embeddedStore(loadConfig({ SEGMENTS_DATA_DIR: fresh }))).toEqual({
        engine: "leveldb",
        path: join(fresh, "segments.leveldb"),
      });
      const older = join(dir, "older");
      mkdirSync(older);
      writeFileSync(join(older, "segments.db"), "");
      expect(embeddedStore(loadConfig({ SEGMENTS_DATA_DIR: older }))).toEqual({
        engine: "sqlite",
        path: join(older, "segments.db"),
      });
      const chosen = loadConfig({ SEGMENTS_DATA_DIR: older, SEGMENTS_EMBEDDED_STORE: "leveldb" });
      expect(embeddedStore(chosen).engine).toBe("leveldb");
      expect(() => loadConfig({ SEGMENTS_EMBEDDED_STORE: "rocksdb" })).toThrow(/SEGMENTS_EMBEDDED_STORE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

describe("rate limits", () => {
  it("default to generous budgets per workspace", () => {
    expect(loadConfig({}).rateLimit).toEqual({
      api: { max: 300, windowMs: 1000 },
      ingest: { max: 1000, windowMs: 1000 },
    });
  });

  it("read <n>/s, <n>/min and off", () => {
    const c = loadConfig({ SEGMENTS_RATE_LIMIT: "6000/min", SEGMENTS_INGEST_RATE_LIMIT: "off" });
    expect(c.rateLimit).toEqual({ api: { max: 6000, windowMs: 60_000 }, ingest: null });
    expect(loadConfig({ SEGMENTS_RATE_LIMIT: " 50 / second " }).rateLimit.api).toEqual({
      max: 50,
      windowMs: 1000,
    });
  });

  it("name a rate they cannot read", () => {
    for (const bad of ["fast", "10/hour", "-1/s", "1.5/s", "/s"]) {
      expect(() => loadConfig({ SEGMENTS_RATE_LIMIT: bad })).toThrow(/SEGMENTS_RATE_LIMIT: not a rate/);
    }
  });
});
