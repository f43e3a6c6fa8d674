import { describe } from "vitest";
import type { SequenceCondition } from "../../src/schema/conditions.ts";
import { scenarioTests } from "../support/scenario.ts";
import { at, flipAt, members, segment, track } from "./steps.ts";

const funnel = (extra: Partial<SequenceCondition> = {}): SequenceCondition => ({
  type: "sequence",
  steps: [{ event: "viewed_pricing_page" }, { event: "started_checkout" }],
  operator: "performed",
  ...extra,
});

describe("sequence conditions", () => {
  scenarioTests([
    {
      name: "steps must happen in order, each strictly after the previous",
      segments: [
        segment(
          "bought",
          funnel({
            steps: [{ event: "viewed_pricing_page" }, { event: "started_checkout" }, { event: "purchase" }],
          }),
        ),
        segment(
          "not_bought",
          funnel({
            steps: [{ event: "viewed_pricing_page" }, { event: "started_checkout" }, { event: "purchase" }],
            operator: "not_performed",
          }),
        ),
      ],
      start: "2026-03-02T12:00:00Z",
      steps: [
        track("ann", "viewed_pricing_page", "2026-03-02T10:00:00Z"),
        track("ann", "started_checkout", "2026-03-02T10:05:00Z"),
        track("ann", "purchase", "2026-03-02T10:10:00Z"),
        track("bob", "started_checkout", "2026-03-02T10:00:00Z"),
        track("bob", "viewed_pricing_page", "2026-03-02T10:05:00Z"),
        track("bob", "purchase", "2026-03-02T10:10:00Z"),
        track("cat", "viewed_pricing_page", "2026-03-02T10:00:00Z"),
        track("cat", "started_checkout", "2026-03-02T10:00:00Z"),
        track("cat", "purchase", "2026-03-02T10:10:00Z"),
        members("bought", ["ann"]),
        members("not_bought", ["bob", "cat"]),
        track("bob", "started_checkout", "2026-03-02T10:06:00Z"),
        members("bought", ["ann", "bob"]),
      ],
    },
    {
      name: "within bounds the time from the first to the last step (inclusive); where filters steps",
      segments: [
        segment("fast", funnel({ within: { amount: 1, unit: "hour" } })),
        segment(
          "fast_pro",
          funnel({
            steps: [
              { event: "viewed_pricing_page" },
              { event: "started_checkout", where: [{ property: "plan", operator: "eq", value: "pro" }] },
            ],
            within: { amount: 1, unit: "hour" },
          }),
        ),
      ],
      start: "2026-03-02T12:00:00Z",
      steps: [
        track("ann", "viewed_pricing_page", "2026-03-02T10:00:00Z"),
        track("ann", "started_checkout", "2026-03-02T11:00:00Z", { plan: "pro" }),
        track("bob", "viewed_pricing_page", "2026-03-02T10:00:00Z"),
        track("bob", "started_checkout", "2026-03-02T11:00:00.001Z", { plan: "pro" }),
        track("cat", "viewed_pricing_page", "2026-03-02T10:00:00Z"),
        track("cat", "viewed_pricing_page", "2026-03-02T10:30:00Z"),
        track("cat", "started_checkout", "2026-03-02T11:20:00Z", { plan: "team" }),
        members("fast", ["ann", "cat"]),
        members("fast_pro", ["ann"]),
      ],
    },
    {
      name: "window admits the first step only; the sequence leaves when its first step does",
      segments: [
        segment("funnel_7d", funnel({ window: { within_last: { amount: 7, unit: "day" } } })),
        segment(
          "no_funnel_7d",
          funnel({ window: { within_last: { amount: 7, unit: "day" } }, operator: "not_performed" }),
        ),
      ],
      start: "2026-03-02T10:00:00Z",
      steps: [
        track("ann", "viewed_pricing_page"),
        track("ann", "started_checkout", "2026-03-05T10:00:00Z"),
        members("funnel_7d", ["ann"]),
        flipAt("funnel_7d", "ann", "2026-03-09T10:00:00.001Z", false),
        flipAt("no_funnel_7d", "ann", "2026-03-09T10:00:00.001Z", true),
        at("2026-03-08T00:00:00Z"),
        track("ann", "viewed_pricing_page", "2026-03-06T10:00:00Z"),
        track("ann", "started_checkout", "2026-03-07T10:00:00Z"),
        flipAt("funnel_7d", "ann", "2026-03-13T10:00:00.001Z", false),
        at("2026-03-13T10:00:00.001Z"),
        members("funnel_7d", []),
        members("no_funnel_7d", ["ann"]),
      ],
    },
    {
      name: "a late event completes a sequence",
      segments: [
        segment(
          "bought",
          funnel({
            steps: [{ event: "viewed_pricing_page" }, { event: "started_checkout" }, { event: "purchase" }],
          }),
        ),
      ],
      start: "2026-03-02T13:00:00Z",
      steps: [
        track("ann", "viewed_pricing_page", "2026-03-02T10:00:00Z"),
        track("ann", "purchase", "2026-03-02T12:00:00Z"),
        members("bought", []),
        track("ann", "started_checkout", "2026-03-02T11:00:00Z"),
        members("bought", ["ann"]),
      ],
    },
  ]);
});
