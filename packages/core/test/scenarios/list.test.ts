import { describe } from "vitest";
import { scenarioTests } from "../support/scenario.ts";
import { identify, listEdit, members, segment } from "./steps.ts";

describe("list conditions", () => {
  scenarioTests([
    {
      name: "list edits apply in the order received; no edit means not in the list",
      segments: [
        segment("vips", { type: "list", list: "lst_vip", operator: "in" }),
        segment("not_vips", { type: "list", list: "lst_vip", operator: "not_in" }),
      ],
      start: "2026-03-02T10:00:00Z",
      steps: [
        listEdit("ann", "lst_vip", true),
        listEdit("bob", "lst_vip", true),
        listEdit("bob", "lst_vip", false),
        listEdit("cat", "lst_vip", true),
        listEdit("cat", "lst_vip", false),
        listEdit("cat", "lst_vip", true),
        listEdit("dan", "lst_beta", true),
        identify("eve", { plan: "pro" }),
        members("vips", ["ann", "cat"]),
        members("not_vips", ["bob", "dan", "eve"]),
        listEdit("ann", "lst_vip", false),
        members("vips", ["cat"]),
      ],
    },
  ]);
});
