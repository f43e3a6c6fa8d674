import { describe, expect, it } from "vitest";
import { runScenario, type Scenario } from "../support/scenario.ts";
import { oracleBucket } from "./bucket-oracle.ts";
import { members, segment } from "./steps.ts";

const contacts = Array.from({ length: 60 }, (_, i) => `user_${i}`);

function bucketScenario(
  workspaceId: string,
  salt: string,
  percent: number,
): { scenario: Scenario; expected: string[] } {
  const expected = contacts.filter((c) => oracleBucket(workspaceId, salt, c) < percent * 100);
  const scenario: Scenario = {
    name: `${percent}% of ${workspaceId} with salt "${salt}"`,
    workspaceId,
    segments: [segment("split", { type: "bucket", salt, percent })],
    contacts,
    start: "2026-03-02T10:00:00Z",
    steps: [members("split", expected)],
  };
  return { scenario, expected };
}

describe("bucket conditions", () => {
  it.each([
    ["ws_1", "spring-test", 25],
    ["ws_1", "spring-test", 50.5],
    ["ws_2", "spring-test", 25],
    ["ws_1", "holdout", 10],
  ] as const)("%s / %s / %s%% matches the SHA-256 definition", (ws, salt, percent) => {
    const { scenario, expected } = bucketScenario(ws, salt, percent);
    // A share far from empty or full, so the case says something.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(contacts.length);
    runScenario(scenario);
  });

  it("0% is nobody and 100% is everyone", () => {
    expect(bucketScenario("ws_1", "x", 0).expected).toEqual([]);
    expect(bucketScenario("ws_1", "x", 100).expected).toEqual(contacts);
    runScenario(bucketScenario("ws_1", "x", 0).scenario);
    runScenario(bucketScenario("ws_1", "x", 100).scenario);
  });

  it("the workspace and the salt change who is drawn", () => {
    const a = bucketScenario("ws_1", "spring-test", 25).expected;
    expect(bucketScenario("ws_2", "spring-test", 25).expected).not.toEqual(a);
    expect(bucketScenario("ws_1", "autumn-test", 25).expected).not.toEqual(a);
  });
});
