/**
 * `npm run demo`: a running service with a realistic workspace in it, within a minute. Starts the
 * server (fresh data in a temp folder; PORT, default 3000) unless `--url` and `--key` name a
 * running one, loads the demo data set through the HTTP API, creates one segment per template
 * and prints where to look. `--contacts N` (default 5000); `--exit` stops once loaded; while the
 * demo's own server runs, `--live N` new messages a second keep segments moving (default 20, 0: none).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SegmentsClient } from "../../packages/client/src/index.ts";
import { type DemoServer, startDemoServer } from "./demo-server.ts";
import { startTrickle } from "./live-trickle.ts";
import { loadDemo } from "./load-demo.ts";
import { summaryText } from "./summary-text.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    contacts: { type: "string", default: "5000" },
    exit: { type: "boolean", default: false },
    live: { type: "string", default: "20" },
  },
});
const contacts = Number(values.contacts);
if (!Number.isSafeInteger(contacts) || contacts < 1) throw new Error("--contacts must be a positive integer");
const live = Number(values.live);
if (!Number.isSafeInteger(live) || live < 0)
  throw new Error("--live must be a whole number of messages a second");
if ((values.url === undefined) !== (values.key === undefined))
  throw new Error("give both --url and --key, or neither");

let server: DemoServer | undefined;
let dataDir: string | undefined;
let url = values.url;
let key = values.key;
if (url === undefined || key === undefined) {
  dataDir = mkdtempSync(join(tmpdir(), "segments-demo-"));
  key = `demo_${randomBytes(16).toString("hex")}`;
  server = await startDemoServer({
    SEGMENTS_DATA_DIR: dataDir,
    SEGMENTS_API_KEY: key,
    PORT: process.env.PORT ?? "3000",
    HOST: process.env.HOST ?? "127.0.0.1",
  });
  url = server.url;
}

let stopTrickle = () => {};
const stop = async () => {
  stopTrickle();
  await server?.stop();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
};

const client = new SegmentsClient({ baseUrl: url, apiKey: key });
const log = (line: string) => process.stderr.write(`demo: ${line}\n`);
try {
  const summary = await loadDemo(client, { contacts, log });
  console.log(summaryText(summary, { url, key, dataDir }));
} catch (error) {
  await stop();
  throw error;
}

if (server === undefined || values.exit) {
  await stop();
} else {
  if (live > 0) {
    stopTrickle = startTrickle(client, { contacts, perSecond: live, onError: (e) => log(String(e)) });
  }
  const moving = live > 0 ? `, ${live} new messages a second keep it moving` : "";
  console.log(`\nThe server keeps running with this data${moving}; Ctrl-C stops it and deletes the data.`);
  // Ctrl-C may arrive twice (the terminal, then tsx relaying it): stop once, ignore the rest.
  let stopping = false;
  const onSignal = () => {
    if (!stopping) void stop();
    stopping = true;
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
