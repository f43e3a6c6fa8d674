import type { ServerResponse } from "node:http";

interface OpenStream {
  stop: AbortController;
  res: ServerResponse;
}

/** The streams being served, so that shutdown can end them rather than wait for their clients. */
export class OpenStreams {
  readonly #open = new Set<OpenStream>();

  /** Follows a response; its signal aborts when the client goes away or the server closes. */
  track(res: ServerResponse): AbortSignal {
    const entry = { stop: new AbortController(), res };
    this.#open.add(entry);
    res.once("close", () => {
      entry.stop.abort();
      this.#open.delete(entry);
    });
    return entry.stop.signal;
  }

  get size(): number {
    return this.#open.size;
  }

  /** Ends every stream cleanly; one whose client does not take its last bytes in time is cut. */
  async closeAll(graceMs: number): Promise<void> {
    await Promise.all([...this.#open].map((entry) => end(entry, graceMs)));
  }
}

function end({ stop, res }: OpenStream, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => res.destroy(), graceMs);
    cut.unref();
    res.once("close", () => {
      clearTimeout(cut);
      resolve();
    });
    stop.abort();
  });
}
