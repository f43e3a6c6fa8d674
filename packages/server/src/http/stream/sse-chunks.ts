import type { Clock } from "../../clock/clock.ts";
import { Wakeup } from "../../deliveries/wakeup.ts";
import type { ChangeRecord } from "../../store/records.ts";
import type { Store } from "../../store/store.ts";
import { SSE_HEARTBEAT, sseEvent, sseId, sseRetry } from "./sse-format.ts";
import type { StreamSettings } from "./stream-settings.ts";

/** What one stream follows: a workspace's change log from a seq, optionally for some segments. */
export interface ChangeFeed {
  store: Store;
  clock: Clock;
  workspaceId: string;
  /** null: every segment. */
  segments: ReadonlySet<string> | null;
  after: number;
  /** Calls `wake` after each local commit; returns the unsubscribe. */
  subscribe(wake: () => void): () => void;
}

/**
 * The stream's text, one chunk per page of the log. Pulled by the socket (a slow client holds
 * at most one page and the stream's buffer), it reads the log by seq from `after`, sleeps until
 * a commit, the poll or the heartbeat is due, and ends when `signal` aborts.
 */
export async function* sseChunks(
  feed: ChangeFeed,
  settings: StreamSettings,
  signal: AbortSignal,
): AsyncGenerator<string> {
  const wakeup = new Wakeup();
  const unsubscribe = feed.subscribe(() => wakeup.set());
  try {
    let cursor = feed.after;
    yield `${sseRetry(settings.retryMs)}${sseId(cursor)}`;
    let quietUntil = feed.clock.now() + settings.heartbeatMs;
    while (!signal.aborted) {
      wakeup.reset();
      const page = await readPage(feed, cursor, settings.pageSize);
      const now = feed.clock.now();
      if (page.length > 0) {
        cursor = page[page.length - 1].seq;
        yield chunkOf(page, feed.segments, cursor);
        quietUntil = now + settings.heartbeatMs;
      } else if (now >= quietUntil) {
        yield SSE_HEARTBEAT;
        quietUntil = now + settings.heartbeatMs;
      } else {
        await wakeup.wait(feed.clock, Math.min(quietUntil, now + settings.pollMs), signal);
      }
    }
  } finally {
    unsubscribe();
  }
}

function readPage(feed: ChangeFeed, after: number, size: number): Promise<ChangeRecord[]> {
  // One segment: its index reads only its changes. Several: the whole log, filtered here.
  const only = feed.segments?.size === 1 ? [...feed.segments][0] : undefined;
  return feed.store.changes(feed.workspaceId, after, size, only);
}

/** The page's events; when its last change was not for this stream, an `id` block moves past it. */
function chunkOf(page: ChangeRecord[], segments: ReadonlySet<string> | null, last: number): string {
  const wanted = segments === null ? page : page.filter((c) => segments.has(c.segmentId));
  const events = wanted.map(sseEvent).join("");
  return wanted[wanted.length - 1]?.seq === last ? events : `${events}${sseId(last)}`;
}
