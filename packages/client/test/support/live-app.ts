import type { Socket } from "node:net";
import { FakeClock } from "../../../server/src/clock/fake-clock.ts";
import type { Store } from "../../../server/src/store/store.ts";
import { type Client, client } from "../../../server/test/http/support/api-client.ts";
import { KEY_A, startTestApp, T0, type TestApp } from "../../../server/test/http/support/test-app.ts";
import { SegmentsClient } from "../../src/index.ts";

/** The real app listening on an ephemeral port, a SegmentsClient on it, and a way to cut its connections. */
export interface LiveApp {
  t: TestApp;
  clock: FakeClock;
  url: string;
  segments: SegmentsClient;
  /** In-process calls that open no socket, so `cutConnections` leaves them alone. */
  api: Client;
  /** Destroys every open connection server-side, as a crash of a proxy or the network would. */
  cutConnections(): number;
  close(): Promise<void>;
}

export async function startLiveApp(store?: Store): Promise<LiveApp> {
  const clock = new FakeClock(T0);
  const t = await startTestApp(clock, store);
  const sockets = new Set<Socket>();
  t.app.server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const url = await t.app.listen({ port: 0, host: "127.0.0.1" });
  return {
    t,
    clock,
    url,
    segments: new SegmentsClient({ baseUrl: url, apiKey: KEY_A }),
    api: client(t),
    cutConnections() {
      const n = sockets.size;
      for (const s of sockets) s.destroy();
      return n;
    },
    // Connections that never sent a request (fetch opens a spare one after an abort) would hold
    // the server's close until Node's headers timeout: cut them first.
    async close() {
      for (const s of sockets) s.destroy();
      await t.close();
    },
  };
}
