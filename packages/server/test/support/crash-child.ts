/**
 * A service process for the crash test: ingests numbered track events (and identifies) in
 * batches and prints `ack <n>` once the batch holding message n is durable. The parent kills it
 * with SIGKILL at random points and restarts it.
 * argv: <engine: sqlite | leveldb> <path> <first message number> <batch size>
 */
import { SegmentsService } from "../../src/service/segments-service.ts";
import { CRASH_SEGMENTS, CRASH_WS, crashMessage, openCrashStore } from "./crash-fixture.ts";

const [engine, path, fromArg, batchArg] = process.argv.slice(2);
let next = Number(fromArg);
const batchSize = Number(batchArg);

const store = openCrashStore(engine, path);
const service = await SegmentsService.open({ store });
let ws = (await store.listWorkspaces()).some((w) => w.id === CRASH_WS)
  ? service.workspace(CRASH_WS)
  : await service.createWorkspace({ id: CRASH_WS, name: "crash", apiKeyHash: "x", createdAt: Date.now() });
for (const s of CRASH_SEGMENTS) {
  if (!ws.listSegments().some((x) => x.id === s.id)) await ws.createSegment(s);
}
ws = service.workspace(CRASH_WS);
process.stdout.write("ready\n");

// Two writers at once, so that group commit is exercised under the kill too.
async function writer(): Promise<never> {
  for (;;) {
    const from = next;
    next += batchSize;
    const batch = Array.from({ length: batchSize }, (_, i) => crashMessage(from + i));
    await ws.ingest(batch);
    process.stdout.write(`ack ${from} ${from + batchSize - 1}\n`);
  }
}
await Promise.all([writer(), writer()]);
