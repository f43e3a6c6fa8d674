import { describe } from "vitest";
import { scenarioTests } from "../support/scenario.ts";
import { at, flipAt, identify, members, score, segment, track } from "./steps.ts";

describe("segment conditions and groups", () => {
  scenarioTests([
    {
      name: "in / not_in follow the referenced segment, across levels and over time",
      segments: [
        segment("pro", { type: "property", property: "plan", operator: "eq", value: "pro" }),
        segment("engaged", {
          type: "event",
          event: "session_started",
          window: { within_last: { amount: 7, unit: "day" } },
          operator: "gte",
          value: 2,
        }),
        segment(
          "pro_engaged",
          { type: "segment", segment: "pro", operator: "in" },
          { type: "segment", segment: "engaged", operator: "in" },
        ),
        segment(
          "pro_quiet",
          { type: "segment", segment: "pro", operator: "in" },
          { type: "segment", segment: "engaged", operator: "not_in" },
        ),
        segment(
          "vip",
          { type: "segment", segment: "pro_engaged", operator: "in" },
          { type: "score", score: "nps", operator: "gte", value: 9 },
        ),
      ],
      start: "2026-03-02T10:00:00Z",
      steps: [
        identify("ann", { plan: "pro" }),
        identify("bob", { plan: "free" }),
        track("ann", "session_started", "2026-03-02T09:00:00Z"),
        track("ann", "session_started", "2026-03-02T10:00:00Z"),
        track("bob", "session_started", "2026-03-02T10:00:00Z"),
        track("bob", "session_started", "2026-03-02T10:00:00Z"),
        members("engaged", ["ann", "bob"]),
        members("pro_engaged", ["ann"]),
        members("pro_quiet", []),
        score("ann", "nps", 9),
        members("vip", ["ann"]),
        flipAt("pro_engaged", "ann", "2026-03-09T09:00:00.001Z", false),
        flipAt("pro_quiet", "ann", "2026-03-09T09:00:00.001Z", true),
        flipAt("vip", "ann", "2026-03-09T09:00:00.001Z", false),
        at("2026-03-09T09:00:00.001Z"),
        members("pro_engaged", []),
        members("pro_quiet", ["ann"]),
        members("vip", []),
        identify("bob", { plan: "pro" }),
        members("pro_engaged", ["bob"]),
        flipAt("pro_quiet", "bob", "2026-03-09T10:00:00.001Z", true),
      ],
    },
    {
      name: "OR groups, negated groups and nesting",
      segments: [
        {
          id: "reachable",
          rule: {
            type: "group",
            combinator: "or",
            children: [
              { type: "property", property: "country", operator: "in", value: ["DE", "FR"] },
              { type: "property", property: "role", operator: "eq", value: "cto" },
            ],
          },
        },
        {
          id: "not_free",
          rule: {
            type: "group",
            combinator: "and",
            negate: true,
            children: [{ type: "property", property: "plan", operator: "eq", value: "free" }],
          },
        },
        segment(
          "pro_fans_or_silent",
          { type: "property", property: "plan", operator: "eq", value: "pro" },
          {
            type: "group",
            combinator: "or",
            children: [
              { type: "score", score: "nps", operator: "gte", value: 9 },
              {
                type: "group",
                combinator: "and",
                negate: true,
                children: [{ type: "event", event: "session_started", operator: "gte", value: 1 }],
              },
            ],
          },
        ),
      ],
      start: "2026-03-02T10:00:00Z",
      steps: [
        identify("ann", { plan: "free", country: "DE" }),
        identify("bob", { plan: "pro", role: "cto", country: "US" }),
        identify("cat", { country: "US" }),
        members("reachable", ["ann", "bob"]),
        members("not_free", ["bob", "cat"]),
        members("pro_fans_or_silent", ["bob"]),
        track("bob", "session_started"),
        members("pro_fans_or_silent", []),
        score("bob", "nps", 10),
        members("pro_fans_or_silent", ["bob"]),
      ],
    },
  ]);
});
