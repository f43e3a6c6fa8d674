import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status it was answered with (undefined: left hanging). */
  status: number | undefined;
}

/** How the receiver answers the n-th request (0-based): a status, or "hang" (never answers). */
export type Script = (n: number, received: Received) => number | "hang";

/** A webhook endpoint on 127.0.0.1 that records every request and answers as scripted. */
export class Receiver {
  readonly received: Received[] = [];
  script: Script = () => 200;
  readonly #server: Server;
  readonly #hanging: ServerResponse[] = [];
  #waiters: { n: number; resolve: () => void }[] = [];

  private constructor() {
    this.#server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => {
        body += chunk;
      });
      req.on("end", () => this.#answer({ headers: req.headers, body, status: undefined }, res));
    });
  }

  static async start(): Promise<Receiver> {
    const receiver = new Receiver();
    await new Promise<void>((resolve) => receiver.#server.listen(0, "127.0.0.1", resolve));
    return receiver;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Resolves once `n` requests have arrived in all. */
  until(n: number): Promise<void> {
    if (this.received.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ n, resolve }));
  }

  /** The webhook-id of each request, in arrival order. */
  ids(): string[] {
    return this.received.map((r) => String(r.headers["webhook-id"]));
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #answer(received: Received, res: ServerResponse): void {
    const n = this.received.length;
    this.received.push(received);
    const status = this.script(n, received);
    if (status === "hang") this.#hanging.push(res);
    else {
      received.status = status;
      res.writeHead(status, { "content-type": "text/plain" }).end("ok");
    }
    this.#waiters = this.#waiters.filter((w) => {
      if (this.received.length < w.n) return true;
      w.resolve();
      return false;
    });
  }
}
