import { type IncomingHttpHeaders, type IncomingMessage, request } from "node:http";

export interface SseEvent {
  id: string;
  event: string;
  data: string;
}

/**
 * A Server-Sent Events client that parses as browsers do (WHATWG "Server-sent events"), over
 * node:http so that a test can pause it, cut it, and read what it would resume from.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  /** What a browser would send back as Last-Event-ID on reconnecting. */
  lastEventId = "";
  readonly ended: Promise<void>;
  #buffer = "";
  #block = { id: "", event: "", data: [] as string[] };
  #idBuffer = "";
  #waiters: { check: () => boolean; resolve: () => void }[] = [];
  #done = false;

  private constructor(readonly res: IncomingMessage) {
    res.setEncoding("utf8");
    res.on("data", (text: string) => this.#feed(text));
    this.ended = new Promise((resolve) => {
      res.on("close", () => {
        this.#done = true;
        for (const w of this.#waiters) w.resolve();
        resolve();
      });
    });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: "text/event-stream", ...headers } });
      req.on("response", (res) => resolve(new SseClient(res)));
      req.on("error", reject);
      req.end();
    });
  }

  get status(): number {
    return this.res.statusCode ?? 0;
  }

  get headers(): IncomingHttpHeaders {
    return this.res.headers;
  }

  /** Resolves once `check` holds (checked after every chunk), or when the stream ends. */
  until(check: () => boolean): Promise<void> {
    if (check() || this.#done) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ check, resolve }));
  }

  untilEvents(n: number): Promise<void> {
    return this.until(() => this.events.length >= n);
  }

  close(): Promise<void> {
    this.res.destroy();
    return this.ended;
  }

  #feed(text: string): void {
    this.#buffer += text;
    const lines = this.#buffer.split(/\r\n|\r|\n/);
    this.#buffer = lines.pop() ?? "";
    for (const line of lines) this.#line(line);
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }

  #line(line: string): void {
    if (line === "") {
      this.#dispatch();
      return;
    }
    if (line.startsWith(":")) {
      this.comments.push(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id" && !value.includes("\u0000")) this.#idBuffer = value;
    else if (field === "event") this.#block.event = value;
    else if (field === "data") this.#block.data.push(value);
  }

  #dispatch(): void {
    this.lastEventId = this.#idBuffer;
    const { event, data } = this.#block;
    this.#block = { id: "", event: "", data: [] };
    if (data.length === 0) return;
    this.events.push({ id: this.lastEventId, event: event || "message", data: data.join("\n") });
  }
}
