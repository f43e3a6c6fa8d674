import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dropSchema, postgresUrl, type StoreKind, tempSchemaName } from "../ingest/bench-store.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = fileURLToPath(new URL("../../packages/server/src/main.ts", import.meta.url));
const START_TIMEOUT_MS = 60_000;

/** The real server (`src/main.ts`) in its own process, on fresh data, with a known key. */
export interface ApiServer {
  url: string;
  key: string;
  pid: number;
  /** Where the data is, for the report. */
  where: string;
  /** SIGTERM (graceful), then deletes the data. */
  stop(): Promise<void>;
}

export async function startApiServer(store: StoreKind): Promise<ApiServer> {
  const key = "bench-api-key";
  const data = freshData(store);
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "warn",
      SEGMENTS_API_KEY: key,
      // The benchmark measures the service, not the per-workspace budgets that guard it.
      SEGMENTS_RATE_LIMIT: "off",
      SEGMENTS_INGEST_RATE_LIMIT: "off",
      ...data.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let out = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), START_TIMEOUT_MS);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then(() => reject(new Error(`the server exited:\n${out}`)));
  }).catch(async (error: unknown) => {
    await data.dispose();
    throw error;
  });
  return {
    url,
    key,
    pid: child.pid ?? 0,
    where: data.where,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      await data.dispose();
    },
  };
}

function freshData(store: StoreKind): {
  env: Record<string, string>;
  where: string;
  dispose(): Promise<void>;
} {
  if (store === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "segments-bench-api-"));
    return {
      env: { SEGMENTS_DATA_DIR: dir },
      where: join(dir, "segments.db"),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = postgresUrl();
  const schema = tempSchemaName("bench_api");
  return {
    env: { SEGMENTS_DATABASE_URL: url, SEGMENTS_DATABASE_SCHEMA: schema },
    where: `${url.replace(/\/\/[^@/]*@/, "//")} schema ${schema}`,
    dispose: () => dropSchema(url, schema),
  };
}
