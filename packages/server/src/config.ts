import { join } from "node:path";
import { z } from "zod";
import { DEFAULT_RATES, parseRate, type RateLimitSettings } from "./http/rate-limit/rate.ts";
import {
  EMBEDDED_ENGINES,
  EMBEDDED_FILES,
  type EmbeddedEngine,
  embeddedEngineFor,
} from "./store/embedded.ts";

/** Everything the server reads from its environment (API.md "Running"); only main.ts calls this. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Set: PostgreSQL; unset: the embedded store in `dataDir` (see `embeddedStore`). */
  databaseUrl?: string;
  /** SEGMENTS_EMBEDDED_STORE: the embedded engine; unset: the one the data directory holds, else LevelDB. */
  embeddedEngine?: EmbeddedEngine;
  databaseSchema: string;
  /** The default workspace's key on first start; unset: a random one, printed once. */
  apiKey?: string;
  adminKey?: string;
  logLevel: string;
  /** SEGMENTS_WEBHOOK_DENY_PRIVATE=1: webhooks may not target loopback or private addresses. */
  webhookDenyPrivate: boolean;
  /** SEGMENTS_RATE_LIMIT and SEGMENTS_INGEST_RATE_LIMIT: each workspace's request budgets. */
  rateLimit: RateLimitSettings;
}

const optional = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === "" ? undefined : s.trim()));

const rate = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s, ctx) => {
      try {
        return parseRate(s.trim() === "" ? fallback : s);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    });

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  SEGMENTS_DATA_DIR: z.string().min(1).default("./data"),
  SEGMENTS_DATABASE_URL: optional,
  SEGMENTS_DATABASE_SCHEMA: z.string().min(1).default("public"),
  SEGMENTS_EMBEDDED_STORE: z.enum(EMBEDDED_ENGINES).optional(),
  SEGMENTS_API_KEY: optional,
  SEGMENTS_ADMIN_KEY: optional,
  SEGMENTS_WEBHOOK_DENY_PRIVATE: z.enum(["0", "1"]).default("0"),
  SEGMENTS_RATE_LIMIT: rate(DEFAULT_RATES.api),
  SEGMENTS_INGEST_RATE_LIMIT: rate(DEFAULT_RATES.ingest),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/**
 * Reads and checks the configuration; throws with every problem named.
 * @example loadConfig({ PORT: "8080" }).port // 8080
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.SEGMENTS_DATA_DIR,
    databaseUrl: e.SEGMENTS_DATABASE_URL,
    databaseSchema: e.SEGMENTS_DATABASE_SCHEMA,
    ...(e.SEGMENTS_EMBEDDED_STORE === undefined ? {} : { embeddedEngine: e.SEGMENTS_EMBEDDED_STORE }),
    apiKey: e.SEGMENTS_API_KEY,
    adminKey: e.SEGMENTS_ADMIN_KEY,
    logLevel: e.LOG_LEVEL,
    webhookDenyPrivate: e.SEGMENTS_WEBHOOK_DENY_PRIVATE === "1",
    rateLimit: { api: e.SEGMENTS_RATE_LIMIT, ingest: e.SEGMENTS_INGEST_RATE_LIMIT },
  };
}

/** The embedded engine and where its data is: `<dataDir>/segments.leveldb` or `<dataDir>/segments.db`. */
export function embeddedStore(config: Config): { engine: EmbeddedEngine; path: string } {
  const engine = embeddedEngineFor(config.dataDir, config.embeddedEngine);
  return { engine, path: join(config.dataDir, EMBEDDED_FILES[engine]) };
}
