import { describe, expect, it } from "vitest";
import { client, planIs, plans } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { expectProblem, T0 } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const t = useTestApp(backend);
  const api = client(t);

  type Change = { seq: number; segment_id: string; contact_id: string; change: string; at: string };

  /** A segment whose log: u1, u2 enter at T0+1h; u1 exits at T0+2h; u3 enters at T0+25h. */
  async function scripted(): Promise<string> {
    const id = await api.segment(planIs("pro"));
    t.clock.advanceTo(T0 + HOUR);
    await api.batch(plans(["u1", "u2"], "pro"));
    t.clock.advanceTo(T0 + 2 * HOUR);
    await api.batch(plans(["u1"], "free"));
    t.clock.advanceTo(T0 + 25 * HOUR);
    await api.batch(plans(["u3"], "pro"));
    t.clock.advanceTo(T0 + 26 * HOUR);
    return id;
  }

  describe("GET /v1/segments/{id}/changes", () => {
    it("pages through the log by seq; next_cursor feeds `after`", async () => {
      const other = await api.segment(planIs("free"));
      const id = await scripted();
      const first = (await api.get(`/v1/segments/${id}/changes?limit=2`)).json();
      expect(first.data.map((c: Change) => [c.contact_id, c.change, c.at])).toEqual([
        ["u1", "entered", new Date(T0 + HOUR).toISOString()],
        ["u2", "entered", new Date(T0 + HOUR).toISOString()],
      ]);
      expect(first.data[0]).toMatchObject({ segment_id: id, segment_version: 1 });
      expect(first.next_cursor).toBe(first.data[1].seq);
      const rest = (await api.get(`/v1/segments/${id}/changes?after=${first.next_cursor}&limit=2`)).json();
      expect(rest.data.map((c: Change) => [c.contact_id, c.change])).toEqual([
        ["u1", "exited"],
        ["u3", "entered"],
      ]);
      expect(rest.next_cursor).toBeNull();
      // Only this segment's changes (the other one's u1 entry at 2h is left out), ascending.
      const all = (await api.get(`/v1/segments/${id}/changes`)).json().data as Change[];
      expect(all.every((c) => c.segment_id === id)).toBe(true);
      expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((a, b) => a - b));
      expect((await api.get(`/v1/segments/${other}/changes`)).json().data).toHaveLength(1);
      const last = all[all.length - 1].seq;
      expect((await api.get(`/v1/segments/${id}/changes?after=${last}`)).json()).toEqual({
        data: [],
        next_cursor: null,
      });
    });

    it.each(["after=-1", "after=x", "after=1e3", "limit=0", "limit=1001"])("refuses %s (400)", async (q) => {
      const id = await api.segment(planIs("pro"));
      const problem = expectProblem(await api.get(`/v1/segments/${id}/changes?${q}`), 400);
      expect(problem.errors[0]).toMatchObject({ path: `/${q.split("=")[0]}`, in: "querystring" });
    });

    it("an unknown segment is 404", async () => {
      expectProblem(await api.get("/v1/segments/nope/changes"), 404);
    });
  });

  describe("GET /v1/segments/{id}/history", () => {
    it("gives size at the end of each interval with its entries and exits", async () => {
      const id = await scripted();
      const iso = (t: number) => new Date(t).toISOString();
      const hourly = await api.get(
        `/v1/segments/${id}/history?interval=hour&from=${iso(T0)}&to=${iso(T0 + 3 * HOUR)}`,
      );
      expect(hourly.statusCode, hourly.body).toBe(200);
      expect(hourly.json().data).toEqual([
        { at: iso(T0), size: 0, entered: 0, exited: 0 },
        { at: iso(T0 + HOUR), size: 2, entered: 2, exited: 0 },
        { at: iso(T0 + 2 * HOUR), size: 1, entered: 0, exited: 1 },
      ]);
      // Default: daily, the last 30 days up to now; the current day ends at now.
      const daily = (await api.get(`/v1/segments/${id}/history`)).json().data;
      expect(daily).toHaveLength(31);
      expect(daily.slice(-2)).toEqual([
        { at: iso(T0), size: 1, entered: 2, exited: 1 },
        { at: iso(T0 + DAY), size: 2, entered: 1, exited: 0 },
      ]);
      expect(daily[0]).toEqual({ at: iso(T0 - 29 * DAY), size: 0, entered: 0, exited: 0 });
      // A range starting mid-way begins with the size the log gives at that point.
      const late = (
        await api.get(
          `/v1/segments/${id}/history?interval=minute&from=${iso(T0 + 2 * HOUR + 60_000)}&to=${iso(T0 + 2 * HOUR + 120_000)}`,
        )
      ).json();
      expect(late.data).toEqual([{ at: iso(T0 + 2 * HOUR + 60_000), size: 1, entered: 0, exited: 0 }]);
    });

    it.each([
      ["interval=week", "/interval"],
      ["from=soon", "/from"],
      [`from=${new Date(T0).toISOString()}&to=${new Date(T0).toISOString()}`, "/from"],
      [`interval=minute&from=${new Date(T0 - 2 * DAY).toISOString()}`, "/from"],
    ])("refuses %s (400)", async (q, path) => {
      const id = await api.segment(planIs("pro"));
      const problem = expectProblem(await api.get(`/v1/segments/${id}/history?${q}`), 400);
      expect(problem.errors[0]).toMatchObject({ path, in: "querystring" });
    });

    it("an unknown segment is 404", async () => {
      expectProblem(await api.get("/v1/segments/nope/history"), 404);
    });
  });
});
