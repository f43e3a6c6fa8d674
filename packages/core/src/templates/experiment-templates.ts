import { allOf } from "./rule-builders.ts";
import { defineTemplate } from "./segment-template.ts";

export const holdoutGroup = defineTemplate({
  id: "holdout_group",
  name: "Holdout group",
  description:
    "A stable random share of everyone (10% by default) to leave out of campaigns and measure their real effect. Change the salt to draw a different group.",
  params: [
    {
      name: "percent",
      type: "number",
      description: "Share of contacts, in percent.",
      default: 10,
      min: 0.01,
      max: 100,
    },
    {
      name: "salt",
      type: "string",
      description: "Names the draw: the same salt always picks the same people.",
      default: "holdout",
    },
  ],
  rule: (p) => allOf({ type: "bucket", salt: p.string("salt"), percent: p.number("percent") }),
});

export const EXPERIMENT_TEMPLATES = [holdoutGroup];
