import { describe } from "vitest";
import { scenarioTests } from "../support/scenario.ts";
import { identify, members, score, segment } from "./steps.ts";

describe("score conditions", () => {
  scenarioTests([
    {
      name: "the latest score by timestamp counts; late scores never overwrite",
      segments: [
        segment("promoters", { type: "score", score: "nps", operator: "gte", value: 9 }),
        segment("detractors", { type: "score", score: "nps", operator: "lte", value: 6 }),
      ],
      start: "2026-03-02T12:00:00Z",
      steps: [
        score("ann", "nps", 9, "2026-03-02T10:00:00Z"),
        score("bob", "nps", 3, "2026-03-02T10:00:00Z"),
        members("promoters", ["ann"]),
        members("detractors", ["bob"]),
        score("ann", "nps", 2, "2026-03-01T10:00:00Z"),
        members("promoters", ["ann"]),
        score("bob", "nps", 10, "2026-03-02T11:00:00Z"),
        members("promoters", ["ann", "bob"]),
        members("detractors", []),
        score("ann", "nps", 6, "2026-03-02T10:00:00Z"),
        members("detractors", ["ann"]),
      ],
    },
    {
      name: "a contact without the score fails every positive operator",
      segments: [
        segment("scored", { type: "score", score: "engagement", operator: "exists" }),
        segment("unscored", { type: "score", score: "engagement", operator: "not_exists" }),
        segment("mid", { type: "score", score: "engagement", operator: "between", value: [40, 60] }),
        segment("not_50", { type: "score", score: "engagement", operator: "neq", value: 50 }),
        segment("round", { type: "score", score: "engagement", operator: "in", value: [0, 50, 100] }),
      ],
      start: "2026-03-02T12:00:00Z",
      steps: [
        identify("ann", { plan: "free" }),
        score("bob", "engagement", 40),
        score("cat", "engagement", 60.5),
        score("dan", "engagement", 50),
        score("eve", "nps", 50),
        members("scored", ["bob", "cat", "dan"]),
        members("unscored", ["ann", "eve"]),
        members("mid", ["bob", "dan"]),
        members("not_50", ["ann", "bob", "cat", "eve"]),
        members("round", ["dan"]),
      ],
    },
  ]);
});
