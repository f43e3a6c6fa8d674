import { z } from "zod";

/** One node of an explained rule: its result for the contact and, for conditions, what it saw. */
export const ExplainNode = z
  .object({
    type: z.string().describe("`group` or the condition's type"),
    path: z.string().describe("JSON Pointer of this node in the rule"),
    result: z.boolean(),
    changes_at: z.iso.datetime().nullable().describe("When time alone can next change the result"),
    combinator: z.enum(["and", "or"]).optional(),
    negate: z.boolean().optional(),
    condition: z.unknown().optional().describe("The condition as written (conditions only)"),
    observed: z
      .unknown()
      .optional()
      .describe("The contact's actual value(s): a value, event aggregate, time, chain, membership or bucket"),
    get children(): z.ZodOptional<z.ZodArray<typeof ExplainNode>> {
      return z.array(ExplainNode).optional();
    },
  })
  .meta({ id: "ExplainNode" });

/** `GET /v1/segments/{id}/explain/{contactId}`: the root node, with what was explained and when. */
export const Explanation = ExplainNode.extend({
  segment_id: z.string(),
  contact_id: z.string(),
  evaluated_at: z.iso.datetime(),
}).meta({ id: "Explanation" });
