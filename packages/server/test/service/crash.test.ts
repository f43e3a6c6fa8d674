/**
 * Kill -9 at random points while ingesting; after every restart nothing acknowledged is lost or
 * doubled, memberships equal a full recompute from the stored facts and the change log has no
 * duplicate or missing seq.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SegmentEngine } from "@growthos/segments-core";
import { afterAll, describe, expect, it } from "vitest";
import { EMBEDDED_ENGINES, EMBEDDED_FILES, type EmbeddedEngine } from "../../src/store/embedded.ts";
import { CRASH_SEGMENTS, CRASH_WS, crashMessage, openCrashStore } from "../support/crash-fixture.ts";

const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const dir = mkdtempSync(join(tmpdir(), "segments-crash-"));
const child = join(import.meta.dirname, "../support/crash-child.ts");
const tsx = join(import.meta.dirname, "../../../../node_modules/tsx/dist/esm/index.mjs");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child until it has acknowledged something and a random extra delay passed, then SIGKILL. */
function runAndKill(
  engine: EmbeddedEngine,
  path: string,
  from: number,
  seed: number,
): Promise<{ acked: [number, number][] }> {
  return new Promise((resolve, reject) => {
    const args = ["--import", tsx, child, engine, path, String(from), "50"];
    const proc: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    const acked: [number, number][] = [];
    let buffer = "";
    let armed = false;
    proc.stdout?.on("data", (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const m = /^ack (\d+) (\d+)$/.exec(line);
        if (m !== null) acked.push([Number(m[1]), Number(m[2])]);
        if (!armed && (m !== null || line === "ready")) {
          armed = true;
          // Kill somewhere between 0 and ~250 ms into ingestion: mid-transaction, mid-fsync, idle.
          setTimeout(() => proc.kill("SIGKILL"), (seed * 7919) % 250);
        }
      }
    });
    proc.on("exit", () => resolve({ acked }));
    proc.on("error", reject);
  });
}

describe.each(EMBEDDED_ENGINES)("crash safety (SIGKILL while ingesting), %s", (kind) => {
  const path = join(dir, EMBEDDED_FILES[kind]);

  it(`keeps every acknowledged message exactly once across ${KILLS} kills`, async () => {
    const acknowledged = new Set<number>();
    let next = 0;
    for (let k = 0; k < KILLS; k++) {
      // Resend the last 30 numbers before the highest ack: repeated messageIds must be ignored.
      const { acked } = await runAndKill(kind, path, Math.max(0, next - 30), k + 1);
      for (const [a, b] of acked) for (let n = a; n <= b; n++) acknowledged.add(n);
      next = Math.max(next, ...acked.map(([, b]) => b + 1));
    }
    expect(acknowledged.size).toBeGreaterThan(0);

    const store = openCrashStore(kind, path);
    try {
      // Every stored purchase appears once; every acknowledged one is stored.
      const seen = new Map<number, number>();
      const contacts = [];
      for await (const chunk of store.streamContacts(CRASH_WS)) contacts.push(...chunk);
      for (const c of contacts) {
        for (const e of c.events) {
          const n = e.properties.n as number;
          seen.set(n, (seen.get(n) ?? 0) + 1);
        }
      }
      for (const [n, times] of seen) expect(times, `message ${n}`).toBe(1);
      for (const n of acknowledged)
        if (crashMessage(n).type === "track") expect(seen.has(n), `acked ${n}`).toBe(true);

      // Memberships equal a recompute from the stored facts.
      const engine = new SegmentEngine(
        CRASH_WS,
        CRASH_SEGMENTS.map((s) => ({ id: s.id, rule: s.rule as never })),
      );
      for (const c of contacts) {
        const state = engine.createState(c.id);
        for (const t of c.traits)
          engine.apply(state, { type: "identify", traits: { [t.key]: t.value }, timestamp: t.ts });
        for (const e of c.events)
          engine.apply(state, {
            type: "track",
            event: e.event,
            properties: e.properties,
            timestamp: e.timestamp,
          });
        const expected = [...engine.evaluateAll(state, Date.now())]
          .filter(([, m]) => m.member)
          .map(([id]) => id)
          .sort();
        const stored = (await store.contactMemberships(CRASH_WS, c.id)).map((m) => m.segmentId).sort();
        expect(stored, c.id).toEqual(expected);
      }

      // The change log: consecutive seq from 1, and it replays to the stored memberships.
      const log = await store.changes(CRASH_WS, 0, 10_000_000);
      for (const [i, c] of log.entries()) expect(c.seq).toBe(i + 1);
      const replay = new Set<string>();
      for (const c of log) {
        const key = `${c.segmentId}/${c.contactId}`;
        if (c.change === "entered") replay.add(key);
        else replay.delete(key);
      }
      let current = 0;
      for (const c of contacts) current += (await store.contactMemberships(CRASH_WS, c.id)).length;
      expect(replay.size).toBe(current);
      console.info(
        `crash test (${kind}): ${KILLS} kills, ${acknowledged.size} messages acknowledged, ${seen.size} stored, ${log.length} changes`,
      );
    } finally {
      await store.close();
    }
  }, 600_000);
});
