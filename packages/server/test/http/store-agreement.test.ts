import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import { PostgresStore } from "../../src/store/postgres/index.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import type { Store } from "../../src/store/store.ts";
import { postgresAvailable, postgresUrl, requireOrSkip, withTempSchema } from "../support/services.ts";
import { bearer, KEY_A, startTestApp, T0, type TestApp } from "./support/test-app.ts";

/**
 * What the API accepts, both stores keep exactly: the awkward-but-valid values below go in over
 * HTTP and come back equal from SQLite and PostgreSQL (and equal to what was sent).
 */
const skipPostgres = requireOrSkip("PostgreSQL", await postgresAvailable());

const AWKWARD = {
  emoji: "😀 👩‍👩‍👧",
  controls: "\u0001\u001f\u007f\u2028\u2029\uffff",
  quotes: `"'\\/<>&`,
  empty: "",
  long: "x".repeat(10_000),
  max: Number.MAX_VALUE,
  tiny: Number.MIN_VALUE,
  negative: -1e300,
  unsafe: 2 ** 53 + 2,
  nested: { a: [1, null, { "b.c": [true, false] }], ключ: "значение", "": "empty key below the top" },
  deep: JSON.parse(`${"[".repeat(30)}1${"]".repeat(30)}`),
};

const BATCH = [
  { type: "identify", userId: "😀 user/1", traits: AWKWARD, messageId: "m-1" },
  {
    type: "track",
    userId: "😀 user/1",
    event: "événement ✓",
    properties: AWKWARD,
    timestamp: "1969-07-20T20:17:40Z",
  },
  { type: "score", userId: "😀 user/1", score: "score 😀", value: 1e-300 },
  { type: "identify", userId: "\u0001", traits: { controls: AWKWARD.controls } },
];

async function ingestAndRead(t: TestApp) {
  const res = await t.app.inject({
    method: "POST",
    url: "/v1/batch",
    headers: bearer(KEY_A),
    payload: { batch: BATCH },
  });
  expect(res.statusCode, res.body).toBe(200);
  const ids = ["😀 user/1", "\u0001"];
  const contacts = await Promise.all(ids.map((id) => t.store.getContact("a", id)));
  const views = await Promise.all(
    ids.map(async (id) =>
      (
        await t.app.inject({
          method: "GET",
          url: `/v1/contacts/${encodeURIComponent(id)}`,
          headers: bearer(KEY_A),
        })
      ).json(),
    ),
  );
  return { contacts, views, seen: await t.store.seenMessageIds("a", ["m-1"]) };
}

function suite(name: string, open: () => Store) {
  describe(name, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(new FakeClock(T0), open());
    });
    afterAll(() => t.close());

    it("keeps awkward values exactly as sent", async () => {
      const { contacts, views, seen } = await ingestAndRead(t);
      results.set(name, { contacts, views });
      expect(seen).toEqual(new Set(["m-1"]));
      const [user] = contacts;
      expect(Object.fromEntries(user?.traits.map((x) => [x.key, x.value]) ?? [])).toEqual(AWKWARD);
      expect(user?.events).toEqual([
        { event: "événement ✓", timestamp: Date.UTC(1969, 6, 20, 20, 17, 40), properties: AWKWARD },
      ]);
      expect(user?.scores).toEqual([{ score: "score 😀", value: 1e-300, ts: T0 }]);
      expect(views[0]).toMatchObject({
        id: "😀 user/1",
        properties: AWKWARD,
        scores: { "score 😀": 1e-300 },
      });
      expect(views[1]).toMatchObject({ id: "\u0001", properties: { controls: AWKWARD.controls } });
    });
  });
}

const results = new Map<string, unknown>();
suite("sqlite", () => new SqliteStore({ path: ":memory:" }));
describe.skipIf(skipPostgres)("postgres", () => {
  const schema = withTempSchema();
  suite("postgres", () => new PostgresStore({ url: postgresUrl(), schema, max: 4 }));
  it("agrees with sqlite", () => {
    expect(results.get("postgres")).toEqual(results.get("sqlite"));
  });
});
