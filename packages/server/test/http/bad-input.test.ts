import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { snapshot } from "../store/conformance/snapshot.ts";
import { planIs } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { bearer, expectProblem, KEY_A } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  /**
   * Every class of bad input gets its status and an RFC 9457 body, and leaves both workspaces'
   * stored data exactly as it was (compared through every read of the store port).
   */
  const probe = { contacts: ["u1", "u2", "u3", "x"], segments: ["pros"], messages: ["m1", "bad-1", "bad-2"] };

  const t = useTestApp(backend, {
    once: true,
    setup: async () => {
      await t.a.createSegment({
        id: "pros",
        name: "Pros",
        rule: planIs("pro"),
      });
      const batch = [
        { type: "identify", userId: "u1", traits: { plan: "pro", tags: ["a"] }, messageId: "m1" },
        { type: "track", userId: "u1", event: "purchase", properties: { total: 3 } },
        { type: "score", userId: "u2", score: "nps", value: 8 },
      ];
      for (const key of [KEY_A, "key-b"]) {
        const res = await t.app.inject({
          method: "POST",
          url: "/v1/batch",
          headers: bearer(key),
          payload: { batch },
        });
        expect(res.statusCode).toBe(200);
      }
    },
  });

  const json = (value: unknown) => ({ "content-type": "application/json", body: JSON.stringify(value) });
  const track = (over: Record<string, unknown>) =>
    json({ userId: "x", event: "e", messageId: "bad-1", ...over });
  const batchOf = (...messages: unknown[]) => json({ batch: messages });
  const ok = { type: "track", userId: "x", event: "e", messageId: "bad-2" };
  const big = (bytes: number) => "a".repeat(bytes);

  interface Case {
    name: string;
    method?: "POST" | "GET" | "DELETE";
    url: string;
    request?: { "content-type"?: string; "content-encoding"?: string; body: string | Buffer };
    status: number;
    type: string;
    paths?: string[];
  }

  const CASES: Case[] = [
    {
      name: "malformed JSON",
      url: "/v1/track",
      request: { "content-type": "application/json", body: '{"userId": "x",' },
      status: 400,
      type: "malformed-body",
    },
    {
      name: "an empty body",
      url: "/v1/identify",
      request: { "content-type": "application/json", body: "" },
      status: 400,
      type: "malformed-body",
    },
    {
      name: "a body that is not an object",
      url: "/v1/identify",
      request: json([{ userId: "x" }]),
      status: 400,
      type: "validation",
      paths: [""],
    },
    {
      name: "a wrong content type",
      url: "/v1/track",
      request: { "content-type": "application/xml", body: "<track/>" },
      status: 415,
      type: "unsupported-media-type",
    },
    {
      name: "an unsupported content encoding",
      url: "/v1/track",
      request: { ...track({}), "content-encoding": "compress" },
      status: 415,
      type: "unsupported-media-type",
    },
    {
      name: "a corrupt gzip body",
      url: "/v1/batch",
      request: {
        "content-type": "application/json",
        "content-encoding": "gzip",
        body: Buffer.from("not gzip at all"),
      },
      status: 400,
      type: "malformed-body",
    },
    {
      name: "a body over 1 MiB on a single call",
      url: "/v1/identify",
      request: json({ userId: "x", traits: { blob: big(1024 * 1024) } }),
      status: 413,
      type: "payload-too-large",
    },
    {
      name: "a batch over 16 MiB",
      url: "/v1/batch",
      request: batchOf({ ...ok, properties: { blob: big(16 * 1024 * 1024) } }),
      status: 413,
      type: "payload-too-large",
    },
    {
      name: "a gzip bomb (small, over 16 MiB decoded)",
      url: "/v1/batch",
      request: {
        "content-type": "application/json",
        "content-encoding": "gzip",
        body: gzipSync(JSON.stringify({ batch: [{ ...ok, properties: { blob: big(17 * 1024 * 1024) } }] })),
      },
      status: 413,
      type: "payload-too-large",
    },
    {
      name: "more than 10,000 messages",
      url: "/v1/batch",
      request: batchOf(...Array.from({ length: 10_001 }, () => ok)),
      status: 400,
      type: "validation",
      paths: ["/batch"],
    },
    {
      name: "one invalid message in a batch",
      url: "/v1/batch",
      request: batchOf(
        ok,
        ok,
        { type: "identify", userId: "u1", traits: { plan: "free" } },
        { type: "track", event: "e" },
      ),
      status: 400,
      type: "validation",
      paths: ["/batch/3/userId"],
    },
    {
      name: "a batch item that is not an object",
      url: "/v1/batch",
      request: batchOf(ok, "track"),
      status: 400,
      type: "validation",
      paths: ["/batch/1"],
    },
    {
      name: "a batch item with no type",
      url: "/v1/batch",
      request: batchOf({ userId: "x", event: "e" }),
      status: 400,
      type: "validation",
      paths: ["/batch/0/type"],
    },
    {
      name: "batch that is not an array",
      url: "/v1/batch",
      request: json({ batch: { type: "track" } }),
      status: 400,
      type: "validation",
      paths: ["/batch"],
    },
    {
      name: "a NUL in a userId",
      url: "/v1/track",
      request: track({ userId: "u\u00001" }),
      status: 400,
      type: "validation",
      paths: ["/userId"],
    },
    {
      name: "a NUL in a trait name",
      url: "/v1/identify",
      request: json({ userId: "u1", traits: { "pl\u0000an": "x" } }),
      status: 400,
      type: "validation",
      paths: ["/traits/pl\u0000an"],
    },
    {
      name: "a NUL deep in a property value",
      url: "/v1/batch",
      request: batchOf(ok, { ...ok, properties: { a: [{ b: "x\u0000" }] } }),
      status: 400,
      type: "validation",
      paths: ["/batch/1/properties/a/0/b"],
    },
    {
      name: "an unpaired surrogate in an event name",
      url: "/v1/track",
      request: { "content-type": "application/json", body: '{"userId":"x","event":"e\\ud800"}' },
      status: 400,
      type: "validation",
      paths: ["/event"],
    },
    {
      name: "a non-finite property number (1e999)",
      url: "/v1/track",
      request: {
        "content-type": "application/json",
        body: '{"userId":"x","event":"e","properties":{"n":1e999}}',
      },
      status: 400,
      type: "validation",
      paths: ["/properties/n"],
    },
    {
      name: "a non-finite score",
      url: "/v1/score",
      request: { "content-type": "application/json", body: '{"userId":"u2","score":"nps","value":-1e999}' },
      status: 400,
      type: "validation",
      paths: ["/value"],
    },
    {
      name: "a score value that is not a number",
      url: "/v1/score",
      request: json({ userId: "u2", score: "nps", value: "9" }),
      status: 400,
      type: "validation",
      paths: ["/value"],
    },
    {
      name: "a timestamp that is not ISO 8601",
      url: "/v1/track",
      request: track({ timestamp: "yesterday" }),
      status: 400,
      type: "validation",
      paths: ["/timestamp"],
    },
    {
      name: "a wrong field type",
      url: "/v1/track",
      request: track({ event: 5 }),
      status: 400,
      type: "validation",
      paths: ["/event"],
    },
    {
      name: "an event name over 256 characters",
      url: "/v1/track",
      request: track({ event: big(257) }),
      status: 400,
      type: "validation",
      paths: ["/event"],
    },
    {
      name: "properties nested too deeply",
      url: "/v1/track",
      request: track({ properties: { deep: JSON.parse(`${"[".repeat(40)}${"]".repeat(40)}`) } }),
      status: 400,
      type: "validation",
    },
    {
      name: "a __proto__ key",
      url: "/v1/identify",
      request: {
        "content-type": "application/json",
        body: '{"userId":"u1","traits":{"__proto__":{"plan":"x"}}}',
      },
      status: 400,
      type: "validation",
      paths: ["/traits/__proto__"],
    },
    {
      name: "a __proto__ key written with escapes, in a batch",
      url: "/v1/batch",
      request: {
        "content-type": "application/json",
        body: '{"batch":[{"type":"track","userId":"x","event":"e","properties":{"a":{"\\u005f_proto__":1}}}]}',
      },
      status: 400,
      type: "validation",
      paths: ["/batch/0/properties/a/__proto__"],
    },
    {
      name: "a NUL in a contact id in the URL",
      method: "GET",
      url: "/v1/contacts/u%001",
      status: 400,
      type: "validation",
      paths: ["/id"],
    },
    {
      name: "a URL that does not decode",
      method: "GET",
      url: "/v1/contacts/%E0%A4%A",
      status: 400,
      type: "bad-request",
    },
    {
      name: "deleting an unknown contact",
      method: "DELETE",
      url: "/v1/contacts/nobody",
      status: 404,
      type: "not-found",
    },
    { name: "an unknown route", url: "/v1/identity", request: track({}), status: 404, type: "not-found" },
    { name: "no API key", url: "/v1/track", request: { ...track({}) }, status: 401, type: "unauthorized" },
  ];

  describe("bad input changes nothing", () => {
    it("covers at least 12 classes", () => {
      expect(CASES.length).toBeGreaterThanOrEqual(12);
    });

    it.each(CASES)("$name → $status $type", async (c) => {
      const before = [await snapshot(t.store, "a", probe), await snapshot(t.store, "b", probe)];
      const { body, ...headers } = c.request ?? { body: undefined };
      const res = await t.app.inject({
        method: c.method ?? "POST",
        url: c.url,
        headers: { ...(c.type === "unauthorized" ? {} : bearer(KEY_A)), ...headers },
        ...(body === undefined ? {} : { payload: body }),
      });
      const problem = expectProblem(res, c.status);
      expect(problem.type).toBe(`https://growthos.dev/problems/${c.type}`);
      if (c.paths !== undefined) expect(problem.errors.map((e) => e.path)).toEqual(c.paths);
      for (const e of problem.errors) expect(e.message.length).toBeGreaterThan(0);
      expect([await snapshot(t.store, "a", probe), await snapshot(t.store, "b", probe)]).toEqual(before);
    });
  });
});
