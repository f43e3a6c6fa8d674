import { z } from "zod";
import {
  BATCH_MESSAGES,
  type KnownMessageType,
  OtherMessage,
  type ParsedMessage,
} from "./message-schemas.ts";

function isKnown(type: string): type is KnownMessageType {
  return Object.hasOwn(BATCH_MESSAGES, type);
}

/**
 * One batch item, dispatched on its `type`: a known type is held to its own schema (so an issue
 * reads `/batch/3/userId`, not "no union member matched"), any other type is accepted as it is.
 */
export const AnyMessage = z
  .looseObject({ type: z.string() })
  .transform((m, ctx): ParsedMessage => {
    if (!isKnown(m.type)) return { type: "other", originalType: m.type };
    const result = BATCH_MESSAGES[m.type].safeParse(m);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ ...issue, input: undefined });
    return z.NEVER;
  })
  .meta({
    id: "BatchMessage",
    description: "A Segment-spec message; `type` selects its schema, unknown types are ignored",
    // anyOf, not oneOf: OtherMessage matches every message.
    anyOf: [...Object.values(BATCH_MESSAGES), OtherMessage].map((s) => ({
      $ref: `#/components/schemas/${z.globalRegistry.get(s)?.id}Input`,
    })),
  });
