/**
 * A service process for the crash test: ingests numbered track events (and identifies) in
 * batches and prints `ack <n>` once the batch holding message n is durable. The parent kills it
 * with SIGKILL at random points and restarts it.
 * argv: <sqlite path> <first message number> <batch size>
 */
import { SegmentsService } from "../../src/service/segments-service.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import { CRASH_SEGMENTS, CRASH_WS, crashMessage } from "./crash-fixture.ts";

const [path, fromArg, batchArg] = process.argv.slice(2);
let next = Number(fromArg);
const batchSize = Number(batchArg);

const store = new SqliteStore({ path });
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
