import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDemo } from "../../../scripts/demo/load-demo.ts";
import { T0 } from "../../server/test/http/support/test-app.ts";
import { type LiveApp, startLiveApp } from "./support/live-app.ts";

let live: LiveApp;
beforeEach(async () => {
  live = await startLiveApp();
});
afterEach(() => live.close());

describe("the demo loader (npm run demo)", () => {
  it("loads the data set over /v1/batch and creates a segment per template, with members", async () => {
    const { segments } = live;
    const options = { contacts: 300, now: T0, batchSize: 2_000 };
    const summary = await loadDemo(segments, options);
    const templates = await segments.templates();
    expect(summary.segments.map((s) => s.name)).toEqual(templates.map((t) => t.name));
    expect(summary.events).toBeGreaterThan(300 * 15);
    expect(summary.messages).toBeGreaterThan(summary.events);
    // Most templates find someone in a realistic workspace, these in particular.
    const sizes = new Map(summary.segments.map((s) => [s.name, s.size]));
    expect(summary.segments.filter((s) => s.size > 0).length).toBeGreaterThanOrEqual(12);
    for (const name of ["Promoters", "Engaged email readers", "Free-plan referrers", "Dormant users"]) {
      expect(sizes.get(name), name).toBeGreaterThan(0);
    }
    for (const s of summary.segments.slice(0, 4)) {
      expect(await segments.resolveAudience({ include: [s.id], pageSize: 1000 }).ids()).toHaveLength(s.size);
    }
    const contact = await segments.contact("user_0");
    expect(contact?.properties).toMatchObject({
      name: expect.any(String),
      email: expect.stringMatching(/@/),
    });

    // A second run finds its segments and its messages already there: nothing changes.
    const again = await loadDemo(segments, options);
    expect(again.segments).toEqual(summary.segments);
    expect(await segments.segments()).toHaveLength(templates.length);
  });
});
