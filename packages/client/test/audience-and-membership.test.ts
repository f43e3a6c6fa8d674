import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ids, only, planIs, plans } from "../../server/test/http/support/api-client.ts";
import { T0 } from "../../server/test/http/support/test-app.ts";
import type { AudienceContact } from "../src/index.ts";
import { type LiveApp, startLiveApp } from "./support/live-app.ts";

let live: LiveApp;
beforeEach(async () => {
  live = await startLiveApp();
});
afterEach(() => live.close());

const countryIs = (value: string) => only({ type: "property", property: "country", operator: "eq", value });

describe("resolveAudience", () => {
  it("walks every page of include minus exclude, each contact once, in id order", async () => {
    const { api, segments } = live;
    const all = ids(230);
    // pro: every 2nd; de: every 3rd; churned: every 5th.
    await api.batch(
      all.map((userId, i) => ({
        type: "identify",
        userId,
        traits: {
          plan: i % 2 === 0 ? "pro" : "free",
          country: i % 3 === 0 ? "de" : "fr",
          churned: i % 5 === 0,
        },
      })),
    );
    const pro = await api.segment(planIs("pro"));
    const de = await api.segment(countryIs("de"));
    const churned = await api.segment(only({ type: "property", property: "churned", operator: "is_true" }));
    const expected: AudienceContact[] = all
      .map((contact_id, i) => ({
        contact_id,
        segments: [...(i % 2 === 0 ? [pro] : []), ...(i % 3 === 0 ? [de] : [])],
        out: i % 5 === 0,
      }))
      .filter((c) => c.segments.length > 0 && !c.out)
      .map(({ contact_id, segments }) => ({ contact_id, segments }));

    const audience = segments.resolveAudience({ include: [pro, de], exclude: [churned], pageSize: 9 });
    const pages = [];
    for await (const page of audience.pages()) pages.push(page);
    expect(pages.length).toBe(Math.ceil(expected.length / 9));
    expect(pages.flat()).toEqual(expected);

    const iterated: AudienceContact[] = [];
    for await (const c of audience) iterated.push(c);
    expect(iterated).toEqual(expected);
    expect(await audience.toArray()).toEqual(expected);
    expect(await segments.resolveAudience({ include: [pro], exclude: [pro] }).ids()).toEqual([]);
    // The server's default page size: 100.
    expect(await segments.resolveAudience({ include: [pro, de], exclude: [churned] }).ids()).toEqual(
      expected.map((c) => c.contact_id),
    );
  });
});

describe("isMember and segmentsOf", () => {
  it("follow ingestion: unknown, then in, then out", async () => {
    const { api, segments, clock } = live;
    const pro = await api.segment(planIs("pro"), "Pros");
    const team = await api.segment(planIs("team"), "Teams");
    expect(await segments.isMember(pro, "jane")).toBe(false);
    expect(await segments.segmentsOf("jane")).toEqual([]);
    expect(await segments.contact("jane")).toBeUndefined();

    await segments.batch([{ type: "identify", userId: "jane", traits: { plan: "pro" } }]);
    const entered = new Date(T0).toISOString();
    expect(await segments.isMember(pro, "jane")).toBe(true);
    expect(await segments.membership(pro, "jane")).toEqual({ member: true, since: entered });
    expect(await segments.isMember(team, "jane")).toBe(false);
    expect(await segments.segmentsOf("jane")).toEqual([{ segment_id: pro, since: entered }]);

    clock.advanceBy(60_000);
    await api.batch(plans(["jane"], "team"));
    expect(await segments.isMember(pro, "jane")).toBe(false);
    expect(await segments.segmentsOf("jane")).toEqual([
      { segment_id: team, since: new Date(T0 + 60_000).toISOString() },
    ]);
    // As of the first minute, from the change log.
    expect(await segments.isMember(pro, "jane", { at: new Date(T0 + 30_000) })).toBe(true);
  });

  it("escape ids in paths", async () => {
    const { api, segments } = live;
    const pro = await api.segment(planIs("pro"));
    const odd = "a/b?c#d e%";
    await api.batch(plans([odd], "pro"));
    expect(await segments.isMember(pro, odd)).toBe(true);
    expect((await segments.segmentsOf(odd)).map((s) => s.segment_id)).toEqual([pro]);
  });
});
