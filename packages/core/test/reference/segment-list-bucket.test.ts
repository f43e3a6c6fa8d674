import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceEvaluate } from "../../src/reference/index.ts";
import type { BucketCondition, ListCondition, SegmentCondition } from "../../src/schema/conditions.ts";
import { contact, context, evaluate, WORKSPACE } from "./fixtures.ts";

describe("list condition: the contact's lists include the id", () => {
  const rows: readonly [string, ListCondition, string[], boolean][] = [
    ["in: on the list", { type: "list", list: "vip", operator: "in" }, ["beta", "vip"], true],
    ["in: not on it", { type: "list", list: "vip", operator: "in" }, ["beta"], false],
    ["in: ids are exact", { type: "list", list: "vip", operator: "in" }, ["VIP", "vip2"], false],
    ["in: no lists", { type: "list", list: "vip", operator: "in" }, [], false],
    ["not_in: not on it", { type: "list", list: "vip", operator: "not_in" }, ["beta"], true],
    ["not_in: on it", { type: "list", list: "vip", operator: "not_in" }, ["vip"], false],
    ["not_in: no lists", { type: "list", list: "vip", operator: "not_in" }, [], true],
  ];
  it.each(rows)("%s", (_, rule, lists, expected) => {
    expect(evaluate(rule, { lists })).toBe(expected);
  });
});

describe("segment condition: asks the context", () => {
  const members = new Set(["seg_a"]);
  const ctx = context({ isMember: (id) => members.has(id) });
  const rows: readonly [string, SegmentCondition, boolean][] = [
    ["in: member", { type: "segment", segment: "seg_a", operator: "in" }, true],
    ["in: not a member", { type: "segment", segment: "seg_b", operator: "in" }, false],
    ["not_in: member", { type: "segment", segment: "seg_a", operator: "not_in" }, false],
    ["not_in: not a member", { type: "segment", segment: "seg_b", operator: "not_in" }, true],
  ];
  it.each(rows)("%s", (_, rule, expected) => {
    expect(referenceEvaluate(rule, contact(), ctx)).toBe(expected);
  });
});

/** The bucket computed independently of src/values: SHA-256 via node:crypto. */
function expectedBucket(workspaceId: string, salt: string, contactId: string): number {
  const digest = createHash("sha256").update(`${workspaceId}:${salt}:${contactId}`).digest();
  return digest.readUInt32BE(0) % 10_000;
}

const bucket = (percent: number, salt = "spring-test"): BucketCondition => ({
  type: "bucket",
  salt,
  percent,
});
const inBucketFor = (id: string, rule: BucketCondition, workspaceId = WORKSPACE) =>
  referenceEvaluate(rule, contact({ id }), context({ workspaceId }));

describe("bucket condition", () => {
  it("user_42 in ws_test with salt spring-test is in bucket 4398 (pinned)", () => {
    expect(expectedBucket(WORKSPACE, "spring-test", "user_42")).toBe(4398);
  });

  const rows: readonly [string, string, number, boolean][] = [
    ["bucket 4398 is outside 43.98 %", "user_42", 43.98, false],
    ["bucket 4398 is inside 43.99 % (no float drift)", "user_42", 43.99, true],
    ["bucket 9370 is outside 93.7 %", "user_1", 93.7, false],
    ["bucket 9370 is inside 93.71 %", "user_1", 93.71, true],
    ["0 % admits nobody", "user_42", 0, false],
    ["100 % admits everyone", "user_1", 100, true],
  ];
  it.each(rows)("%s", (_, id, percent, expected) => {
    expect(inBucketFor(id, bucket(percent))).toBe(expected);
  });

  it("matches an independent SHA-256 computation for any contact, salt and percent", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.integer({ min: 0, max: 10_000 }),
        (ws, salt, id, p) => {
          const percent = p / 100;
          const expected = expectedBucket(ws, salt, id) < p;
          expect(inBucketFor(id, bucket(percent, salt), ws)).toBe(expected);
        },
      ),
    );
  });

  it("0 % is nobody and 100 % is everyone", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (salt, id) => {
        expect(inBucketFor(id, bucket(0, salt))).toBe(false);
        expect(inBucketFor(id, bucket(100, salt))).toBe(true);
      }),
    );
  });

  it("depends on the workspace: the same contact and salt land in different buckets", () => {
    expect(expectedBucket("ws_a", "s", "u")).not.toBe(expectedBucket("ws_b", "s", "u"));
    const percent = Math.max(expectedBucket("ws_a", "s", "u"), expectedBucket("ws_b", "s", "u")) / 100;
    const results = ["ws_a", "ws_b"].map((ws) => inBucketFor("u", bucket(percent, "s"), ws));
    expect(results.sort()).toEqual([false, true]);
  });
});
