import { createParser, type EventSourceMessage } from "eventsource-parser";
import type { SegmentChange } from "./api-types.ts";
import type { HttpTransport } from "./http-transport.ts";
import { IdleGuard } from "./idle-guard.ts";
import { SegmentsApiError } from "./segments-api-error.ts";

export type ChangeHandler = (change: SegmentChange) => void | Promise<void>;
/** Ends the subscription; resolves once the connection is closed and no handler runs. */
export type Unsubscribe = () => Promise<void>;

export interface ChangeOptions {
  /** Only this segment's changes. */
  segmentId?: string;
  /** Only these segments' changes (with `segmentId`, all of them). */
  segments?: readonly string[];
  /** Start right after this change seq (a stream event's id); default: changes from now on. */
  lastEventId?: string | number;
  /** Wait before reconnecting; default: the server's `retry:` (3 s unless it says otherwise). */
  reconnectDelayMs?: number;
  /**
   * Reconnect when nothing (not even the server's 15 s heartbeat) arrived for this long, so a
   * connection that died silently is noticed (default 45 s).
   */
  idleTimeoutMs?: number;
  /** Called each time the stream is connected: changes committed from then on will arrive. */
  onOpen?: () => void;
  /**
   * Called on every failure: a dropped connection, a refused request, a handler that threw.
   * `fatal`: the API refused the subscription (bad key, unknown segment) and it has ended;
   * otherwise the client reconnects and resumes after the last change handled.
   */
  onError?: (error: unknown, info: { fatal: boolean }) => void;
}

const DEFAULT_RETRY_MS = 3_000;
const DEFAULT_IDLE_TIMEOUT_MS = 45_000;
const MAX_BACKOFF_MS = 30_000;

/** Where a subscription stands between connections. */
interface StreamState {
  lastEventId: string | undefined;
  serverRetryMs: number | undefined;
  failures: number;
}

/** A parsed block: an id to move to, and the event it carries if any. */
interface Block {
  id: string | undefined;
  message?: EventSourceMessage;
}

/**
 * Follows `GET /v1/stream` over fetch (so it can send the Authorization header), calling
 * `handler` once per change in seq order. The resume point moves past a change only once its
 * handler has returned, so a drop or a throwing handler never loses a change: delivery is at
 * least once, and a change is repeated only when its handler did not finish.
 */
export function followChanges(
  transport: HttpTransport,
  handler: ChangeHandler,
  options: ChangeOptions = {},
): Unsubscribe {
  const controller = new AbortController();
  const state: StreamState = {
    lastEventId: options.lastEventId === undefined ? undefined : String(options.lastEventId),
    serverRetryMs: undefined,
    failures: 0,
  };
  const done = run(transport, handler, options, state, controller.signal);
  return async () => {
    controller.abort();
    await done;
  };
}

async function run(
  transport: HttpTransport,
  handler: ChangeHandler,
  options: ChangeOptions,
  state: StreamState,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    try {
      await connect(transport, handler, options, state, signal);
    } catch (error) {
      if (signal.aborted) return;
      const fatal = error instanceof SegmentsApiError && isFinal(error.status);
      options.onError?.(error, { fatal });
      if (fatal) return;
      state.failures++;
    }
    await sleep(delayOf(options, state), signal);
  }
}

/** One connection: resolves when the server ends the stream, throws when it fails or goes quiet. */
async function connect(
  transport: HttpTransport,
  handler: ChangeHandler,
  options: ChangeOptions,
  state: StreamState,
  signal: AbortSignal,
): Promise<void> {
  const idle = new IdleGuard(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, signal);
  try {
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (state.lastEventId !== undefined && state.lastEventId !== "")
      headers["last-event-id"] = state.lastEventId;
    const response = await transport.send(`/v1/stream${streamQuery(options)}`, {
      headers,
      signal: idle.signal,
    });
    if (!response.ok) throw await SegmentsApiError.from(response);
    if (response.body === null || !response.headers.get("content-type")?.startsWith("text/event-stream")) {
      throw new Error(`the stream answered ${response.headers.get("content-type")}, not text/event-stream`);
    }
    state.failures = 0;
    options.onOpen?.();
    await read(response.body, handler, state, idle);
  } catch (error) {
    throw idle.timedOut ? new Error(`the stream sent nothing for ${idle.ms} ms: reconnecting`) : error;
  } finally {
    idle.dispose();
  }
}

async function read(
  body: ReadableStream<Uint8Array>,
  handler: ChangeHandler,
  state: StreamState,
  idle: IdleGuard,
): Promise<void> {
  const blocks: Block[] = [];
  const parser = createParser({
    onId: (id) => blocks.push({ id }),
    onEvent: (message) => {
      const last = blocks.at(-1);
      if (last !== undefined && last.message === undefined && last.id === message.id) last.message = message;
      else blocks.push({ id: message.id, message });
    },
    onRetry: (ms) => {
      state.serverRetryMs = ms;
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      idle.reset();
      parser.feed(decoder.decode(value, { stream: true }));
      for (const block of blocks.splice(0)) {
        if (block.message !== undefined) await deliver(block.message, handler);
        if (block.id !== undefined) state.lastEventId = block.id;
      }
      idle.reset(); // a slow handler is not a silent server
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** A handler threw: reported apart from API errors, so a handler's own API call never ends the stream. */
export class ChangeHandlerError extends Error {
  constructor(
    readonly change: SegmentChange,
    cause: unknown,
  ) {
    super(`the change handler failed on seq ${change.seq}; it will get the change again`, { cause });
    this.name = "ChangeHandlerError";
  }
}

async function deliver(message: EventSourceMessage, handler: ChangeHandler): Promise<void> {
  if (message.event !== "segment.entered" && message.event !== "segment.exited") return;
  const change = JSON.parse(message.data) as SegmentChange;
  try {
    await handler(change);
  } catch (error) {
    throw new ChangeHandlerError(change, error);
  }
}

function streamQuery(options: ChangeOptions): string {
  const ids = [...(options.segmentId === undefined ? [] : [options.segmentId]), ...(options.segments ?? [])];
  return ids.length === 0 ? "" : `?segments=${ids.map(encodeURIComponent).join(",")}`;
}

/** A refusal that asking again will not change (408 and 429 are worth another try). */
const isFinal = (status: number): boolean =>
  status >= 400 && status < 500 && status !== 408 && status !== 429;

/** The reconnect delay, doubled per consecutive failure (up to 30 s) so a down server is not hammered. */
function delayOf(options: ChangeOptions, state: StreamState): number {
  const base = options.reconnectDelayMs ?? state.serverRetryMs ?? DEFAULT_RETRY_MS;
  if (state.failures <= 1) return base;
  return Math.min(Math.max(base, MAX_BACKOFF_MS), base * 2 ** (state.failures - 1));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener("abort", wake, { once: true });
  });
}
