import type { IngestMessage } from "../../src/runtime/ingest-message.ts";
import type { SegmentInput } from "../../src/service/segment-input.ts";
import { isEmbeddedEngine, openEmbeddedStore } from "../../src/store/embedded.ts";
import type { Store } from "../../src/store/store.ts";

export const CRASH_WS = "ws_crash";

/** Time-independent segments, so a recompute at any later instant must agree with the store. */
export const CRASH_SEGMENTS: (SegmentInput & { id: string })[] = [
  {
    id: "buyers",
    name: "buyers",
    rule: {
      type: "group",
      combinator: "and",
      children: [{ type: "event", event: "purchase", operator: "gte", value: 2 }],
    },
  },
  {
    id: "pro",
    name: "pro",
    rule: {
      type: "group",
      combinator: "and",
      children: [{ type: "property", property: "plan", operator: "eq", value: "pro" }],
    },
  },
  {
    id: "pro_buyers",
    name: "pro buyers",
    rule: {
      type: "group",
      combinator: "and",
      children: [
        { type: "segment", segment: "pro", operator: "in" },
        { type: "segment", segment: "buyers", operator: "in" },
      ],
    },
  },
];

/** Message number n: a purchase by one of 200 contacts, every 7th an identify flipping the plan. */
export function crashMessage(n: number): IngestMessage {
  const userId = `u${n % 200}`;
  const timestamp = Date.UTC(2026, 0, 1) + n;
  if (n % 7 === 0) {
    return {
      type: "identify",
      userId,
      traits: { plan: n % 2 === 0 ? "pro" : "free" },
      timestamp,
      messageId: `m${n}`,
    };
  }
  return { type: "track", userId, event: "purchase", properties: { n }, timestamp, messageId: `m${n}` };
}

/** The crash test's store: `engine` is "sqlite" or "leveldb", `path` its file or directory. */
export function openCrashStore(engine: string, path: string): Store {
  if (!isEmbeddedEngine(engine)) throw new Error(`unknown embedded engine ${engine}`);
  return openEmbeddedStore(engine, path);
}
