import { join } from "node:path";
import { z } from "zod";

/** Everything the server reads from its environment (API.md "Running"); only main.ts calls this. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Set: PostgreSQL; unset: the embedded SQLite store at `<dataDir>/segments.db`. */
  databaseUrl?: string;
  databaseSchema: string;
  /** The default workspace's key on first start; unset: a random one, printed once. */
  apiKey?: string;
  adminKey?: string;
  logLevel: string;
  /** SEGMENTS_WEBHOOK_DENY_PRIVATE=1: webhooks may not target loopback or private addresses. */
  webhookDenyPrivate: boolean;
}

const optional = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === "" ? undefined : s.trim()));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  SEGMENTS_DATA_DIR: z.string().min(1).default("./data"),
  SEGMENTS_DATABASE_URL: optional,
  SEGMENTS_DATABASE_SCHEMA: z.string().min(1).default("public"),
  SEGMENTS_API_KEY: optional,
  SEGMENTS_ADMIN_KEY: optional,
  SEGMENTS_WEBHOOK_DENY_PRIVATE: z.enum(["0", "1"]).default("0"),
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
    apiKey: e.SEGMENTS_API_KEY,
    adminKey: e.SEGMENTS_ADMIN_KEY,
    logLevel: e.LOG_LEVEL,
    webhookDenyPrivate: e.SEGMENTS_WEBHOOK_DENY_PRIVATE === "1",
  };
}

export function sqlitePath(config: Config): string {
  return join(config.dataDir, "segments.db");
}
