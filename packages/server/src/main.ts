/**
 * `segments start`: the composition root. Reads the configuration, opens the store and the
 * service, creates the default workspace on first start, serves the HTTP API and shuts down
 * gracefully on SIGINT/SIGTERM (in-flight requests finish, then the service, then the store).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pino } from "pino";
import { systemClock } from "./clock/clock.ts";
import { type Config, embeddedStore, loadConfig } from "./config.ts";
import { ensureDefaultWorkspace } from "./http/auth/default-workspace.ts";
import { buildApp } from "./http/build-app.ts";
import { SegmentsService } from "./service/segments-service.ts";
import { openEmbeddedStore } from "./store/embedded.ts";
import { PostgresStore } from "./store/postgres/index.ts";
import type { Store } from "./store/store.ts";

const SHUTDOWN_GRACE_MS = 30_000;

function openStore(config: Config): Store {
  if (config.databaseUrl !== undefined) {
    return new PostgresStore({ url: config.databaseUrl, schema: config.databaseSchema });
  }
  mkdirSync(config.dataDir, { recursive: true });
  const { engine, path } = embeddedStore(config);
  return openEmbeddedStore(engine, path);
}

const config = loadConfig(process.env);
const logger = pino({ level: config.logLevel });
const store = openStore(config);
const service = await SegmentsService.open({
  store,
  clock: systemClock,
  snapshotDir: join(config.dataDir, "snapshots"),
  log: (level, message) => logger[level](message),
});
const first = await ensureDefaultWorkspace(service, config.apiKey, systemClock.now());
const app = buildApp({
  service,
  store,
  clock: systemClock,
  adminKey: config.adminKey,
  logger,
  webhooks: { denyPrivate: config.webhookDenyPrivate },
  rateLimit: config.rateLimit,
});

// Before listening: a signal that arrives as soon as the port is open still closes gracefully.
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    logger.warn(`${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  logger.info(`${signal}: finishing in-flight requests, then closing`);
  setTimeout(() => {
    logger.error("shutdown took too long: exiting");
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  try {
    await app.close();
    await service.close();
    await store.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

const address = await app.listen({ port: config.port, host: config.host });
const url = address.replace("0.0.0.0", "localhost").replace("[::]", "localhost");
// One write, so the banner (and the key) reach the console in one piece.
const banner = [`GrowthOS Segments is serving ${url} (API docs: ${url}/docs)`];
if (first.created && first.generated) {
  // The only time this key is ever shown: the store keeps its SHA-256 hash alone.
  banner.push(
    "Created the default workspace. Its API key, shown only this once:",
    "",
    `  ${first.apiKey}`,
    "",
    `Dashboard sign-in link (browsers never send the #fragment to servers): ${url}/#key=${encodeURIComponent(first.apiKey)}`,
    `Try: curl -H "Authorization: Bearer <key>" ${url}/v1/contacts/someone`,
  );
} else if (first.created) {
  banner.push("Created the default workspace with the key in SEGMENTS_API_KEY.");
}
console.log(banner.join("\n"));
if (!first.created && first.keyMatches === false) {
  logger.warn("SEGMENTS_API_KEY belongs to no workspace: it is used only on the first start");
}
