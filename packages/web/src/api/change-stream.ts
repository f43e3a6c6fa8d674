import { SseParser } from "./sse-events.ts";
import type { Change } from "./types.ts";

const RETRY_MS = 2000;

/**
 * Follows `GET /v1/stream` for some segments. EventSource cannot send the Authorization
 * header the API requires, so this reads the stream with fetch and resumes with Last-Event-ID
 * after a dropped connection. Returns a function that stops it.
 */
export function followChanges(
  authHeader: string,
  segments: string[],
  onChange: (c: Change) => void,
  onState: (connected: boolean) => void = () => {},
): () => void {
  const abort = new AbortController();
  let lastEventId: string | undefined;

  async function connect(): Promise<void> {
    const headers: Record<string, string> = { authorization: authHeader, accept: "text/event-stream" };
    if (lastEventId !== undefined) headers["last-event-id"] = lastEventId;
    const query = segments.map(encodeURIComponent).join(",");
    const res = await fetch(`/v1/stream?segments=${query}`, { headers, signal: abort.signal });
    if (!res.ok || res.body === null) throw new Error(`stream answered ${res.status}`);
    onState(true);
    const parser = new SseParser();
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const e of parser.push(value)) {
        if (e.event === "segment.entered" || e.event === "segment.exited") onChange(JSON.parse(e.data));
      }
      lastEventId = parser.lastEventId ?? lastEventId;
    }
  }

  async function run(): Promise<void> {
    while (!abort.signal.aborted) {
      try {
        await connect();
      } catch {
        // Dropped or refused: wait, then resume from the last seq seen.
      }
      onState(false);
      if (abort.signal.aborted) return;
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }

  void run();
  return () => abort.abort();
}
