import { allOf } from "./rule-builders.ts";
import { defineTemplate } from "./segment-template.ts";

export const promoters = defineTemplate({
  id: "promoters",
  name: "Promoters",
  description: "People whose latest NPS answer is 9 or 10 (by default): your best advocates.",
  params: [
    {
      name: "min_score",
      type: "number",
      description: "Lowest NPS that counts.",
      default: 9,
      min: 0,
      max: 10,
    },
  ],
  rule: (p) => allOf({ type: "score", score: "nps", operator: "gte", value: p.number("min_score") }),
});

export const detractors = defineTemplate({
  id: "detractors",
  name: "Detractors",
  description: "People whose latest NPS answer is 6 or lower (by default): reach out before they churn.",
  params: [
    {
      name: "max_score",
      type: "number",
      description: "Highest NPS that counts.",
      default: 6,
      min: 0,
      max: 10,
    },
  ],
  rule: (p) => allOf({ type: "score", score: "nps", operator: "lte", value: p.number("max_score") }),
});

export const FEEDBACK_TEMPLATES = [promoters, detractors];
