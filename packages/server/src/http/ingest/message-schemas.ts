import { z } from "zod";
import { IsoTimestamp } from "../validation/iso-timestamp.ts";
import { jsonObject } from "../validation/json-object.ts";
import { safeString } from "../validation/safe-text.ts";
import { INGEST_LIMITS } from "./ingest-limits.ts";

/**
 * Segment-spec messages. Fields the spec defines that this service does not use (context,
 * integrations, channel, _metadata, writeKey, ...) are accepted and dropped.
 */
const Id = safeString(INGEST_LIMITS.idLength);
const Name = safeString(INGEST_LIMITS.nameLength);

const common = {
  userId: Id.optional().describe("The contact's id"),
  anonymousId: z.string().optional().describe("Accepted; a message with no userId is ignored"),
  timestamp: IsoTimestamp.optional().describe(
    "When it happened (default: originalTimestamp, then receive time)",
  ),
  originalTimestamp: IsoTimestamp.optional(),
  messageId: Id.optional().describe("A repeated messageId within a workspace is accepted and ignored"),
};

const identifyShape = {
  ...common,
  traits: jsonObject("Merged into the contact's properties; a null value removes one").optional(),
};
const trackShape = {
  ...common,
  event: Name,
  properties: jsonObject("The event's properties (any JSON)").optional(),
};
const scoreShape = {
  ...common,
  userId: Id.describe("The contact's id"),
  score: Name,
  value: z.number({ error: "must be a finite number" }),
};
const pageShape = {
  ...common,
  name: Name.optional(),
  category: Name.optional(),
  properties: jsonObject("Stored as the event's properties").optional(),
};
const screenShape = {
  ...common,
  name: Name.optional(),
  properties: jsonObject("Stored as the event's properties").optional(),
};

/** Segment's rule: a message names its contact by userId or anonymousId (we keep userId ones). */
function identified(m: { userId?: string; anonymousId?: string }, ctx: z.RefinementCtx): void {
  if (m.userId === undefined && m.anonymousId === undefined) {
    ctx.addIssue({ code: "custom", path: ["userId"], message: "is required (or an anonymousId)", input: m });
  }
}

/** As batch items, where `type` is required and selects the schema. */
export const BATCH_MESSAGES = {
  identify: z
    .object({ type: z.literal("identify"), ...identifyShape })
    .superRefine(identified)
    .meta({ id: "IdentifyMessage" }),
  track: z
    .object({ type: z.literal("track"), ...trackShape })
    .superRefine(identified)
    .meta({ id: "TrackMessage" }),
  score: z.object({ type: z.literal("score"), ...scoreShape }).meta({ id: "ScoreMessage" }),
  page: z
    .object({ type: z.literal("page"), ...pageShape })
    .superRefine(identified)
    .meta({ id: "PageMessage", description: `Stored as a "page_viewed" event with name and category` }),
  screen: z
    .object({ type: z.literal("screen"), ...screenShape })
    .superRefine(identified)
    .meta({ id: "ScreenMessage", description: `Stored as a "screen_viewed" event with its name` }),
};
export type KnownMessageType = keyof typeof BATCH_MESSAGES;

/** As the body of their own call (`POST /v1/track`), where `type` may be left out. */
export const IdentifyBody = z
  .object({ type: z.literal("identify").optional(), ...identifyShape })
  .superRefine(identified);
export const TrackBody = z
  .object({ type: z.literal("track").optional(), ...trackShape })
  .superRefine(identified);
export const ScoreBody = z.object({ type: z.literal("score").optional(), ...scoreShape });

/** Any other message type (group, alias, ...): accepted and ignored, never rejected. */
export const OtherMessage = z
  .looseObject({ type: z.string() })
  .meta({ id: "OtherMessage", description: "Any other type (group, alias, ...): accepted and ignored" });

export type ParsedMessage =
  | z.output<(typeof BATCH_MESSAGES)[KnownMessageType]>
  | { type: "other"; originalType: string };
