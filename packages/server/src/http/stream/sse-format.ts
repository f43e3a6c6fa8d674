import type { ChangeRecord } from "../../store/records.ts";

/**
 * Server-Sent Events framing (WHATWG HTML, "Server-sent events"). Every block ends with a blank
 * line. A block with an `id` and no `data` dispatches nothing but moves the client's
 * Last-Event-ID, and so does any blank line: each stream therefore starts with `id: <start>`, or
 * a heartbeat before the first event would reset the client's resume point to "".
 */

/** One change as an event: `id` is its seq, so a reconnect resumes right after it. */
export function sseEvent(c: ChangeRecord): string {
  const data = {
    seq: c.seq,
    segment_id: c.segmentId,
    contact_id: c.contactId,
    change: c.change,
    at: new Date(c.at).toISOString(),
  };
  return `id: ${c.seq}\nevent: segment.${c.change}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Moves the resume point without an event (past changes of other segments, at the start). */
export function sseId(seq: number): string {
  return `id: ${seq}\n\n`;
}

/** How long a client waits before reconnecting after the connection drops. */
export function sseRetry(ms: number): string {
  return `retry: ${ms}\n`;
}

/** A comment line: keeps proxies and clients from timing an idle stream out. */
export const SSE_HEARTBEAT = ": heartbeat\n\n";
