import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killLeftoverServers, startServer } from "./support/server-process.ts";

/** The composition root, run as `npm start` would: first start, restart, graceful shutdown. */
const dataDir = mkdtempSync(join(tmpdir(), "segments-main-"));
afterAll(() => {
  killLeftoverServers();
  rmSync(dataDir, { recursive: true, force: true });
});

async function getContact(url: string, key: string, id: string): Promise<number> {
  const res = await fetch(`${url}/v1/contacts/${id}`, { headers: { authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  return res.status;
}

/** Sends a body in two halves with `between` run in the middle: a request still in flight. */
function slowPost(url: string, key: string, body: string, between: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/identify`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${key}`,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    setTimeout(() => {
      between();
      setTimeout(() => req.end(body.slice(half)), 300);
    }, 300);
  });
}

describe("main.ts", () => {
  let key = "";

  it("on first start creates the default workspace and prints its new key once", async () => {
    const server = await startServer({ SEGMENTS_DATA_DIR: dataDir });
    const printed = /API key, shown only this once:\s+(seg_\S+)/.exec(server.output());
    expect(printed).not.toBeNull();
    key = printed?.[1] ?? "";
    // Printed in the start banner only: as itself and in the dashboard's sign-in link (whose
    // #fragment browsers never send), never in a log line.
    const showing = server
      .output()
      .split("\n")
      .filter((line) => line.includes(key));
    expect(showing.filter((line) => line.trim() !== key && !line.includes(`#key=${key}`))).toEqual([]);
    expect(showing.filter((line) => line.trim() === key)).toHaveLength(1);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    // SIGTERM while a request is half-sent: it still completes, then the process exits cleanly.
    const status = slowPost(
      server.url,
      key,
      JSON.stringify({ userId: "late", traits: { plan: "pro" } }),
      () => server.child.kill("SIGTERM"),
    );
    expect(await status).toBe(200);
    expect(await server.exited).toBe(0);
  });

  it("on restart prints no key; the old key and the data are still there", async () => {
    const server = await startServer({ SEGMENTS_DATA_DIR: dataDir });
    expect(server.output()).not.toMatch(/seg_/);
    expect(await getContact(server.url, key, "late")).toBe(200);
    expect(await getContact(server.url, "wrong", "late")).toBe(401);
    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
  });

  it("closes promptly although a client holds a connection that never sent a request", async () => {
    const server = await startServer({ SEGMENTS_DATA_DIR: dataDir });
    const { hostname, port } = new URL(server.url);
    const idle = connect(Number(port), hostname);
    idle.on("error", () => {}); // the server may reset it: either way it must go
    await new Promise((resolve) => idle.once("connect", resolve));
    const closed = new Promise((resolve) => idle.once("close", resolve));
    const started = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited, server.output()).toBe(0);
    // Well under the server's header timeout (60 s) and the shutdown grace (30 s).
    expect(Date.now() - started).toBeLessThan(10_000);
    await closed;
  });

  it("SEGMENTS_API_KEY keys the default workspace and is never printed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "segments-main-key-"));
    try {
      const server = await startServer({ SEGMENTS_DATA_DIR: dir, SEGMENTS_API_KEY: "my-configured-key" });
      expect(server.output()).not.toContain("my-configured-key");
      expect(await getContact(server.url, "my-configured-key", "nobody")).toBe(404);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
