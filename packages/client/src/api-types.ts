/**
 * The shapes of API.md as the client sends and receives them (wire names, snake_case). Declared
 * here rather than imported from the server, so that a module needs this package alone.
 */

/** One problem of a rejected request: where in the request, and what is wrong. */
export interface ProblemDetail {
  /** A JSON Pointer into the request body, or the named request part. */
  path: string;
  message: string;
  code?: string;
  in?: "body" | "querystring" | "params" | "headers";
}

/** An RFC 9457 problem+json body, as every 4xx/5xx answer carries it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: ProblemDetail[];
  request_id?: string;
}

/** Who to target: contacts in any `include` segment and in no `exclude` segment. */
export interface AudienceQuery {
  include: readonly string[];
  exclude?: readonly string[];
  /** Contacts per request, 1 to 1000 (the server's default: 100). */
  pageSize?: number;
}

export interface AudienceContact {
  contact_id: string;
  /** The `include` segments the contact is in. */
  segments: string[];
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface MemberCheck {
  member: boolean;
  /** When the contact entered (members only), ISO 8601. */
  since?: string;
}

export interface ContactSegment {
  segment_id: string;
  since: string;
}

export interface Contact {
  id: string;
  properties: Record<string, unknown>;
  scores: Record<string, number>;
  segments: ContactSegment[];
  created_at: string;
}

/** One entry or exit, as the change log, the stream and `/changes` give it. */
export interface SegmentChange {
  seq: number;
  segment_id: string;
  contact_id: string;
  change: "entered" | "exited";
  at: string;
}

/** A rule tree (RULES.md); conditions are passed through as given. */
export interface RuleGroup {
  type: "group";
  combinator: "and" | "or";
  negate?: boolean;
  children: readonly (RuleGroup | RuleCondition)[];
}
export type RuleCondition = { readonly type: string; readonly [field: string]: unknown };

export interface Segment {
  id: string;
  name: string;
  description: string;
  rule: RuleGroup;
  size: number;
  status: "computing" | "live" | "paused";
  version: number;
  created_at: string;
  updated_at: string;
}

/** `POST /v1/segments`: an own rule, or a template with params. */
export type SegmentInput =
  | { name: string; description?: string; rule: RuleGroup }
  | { name?: string; description?: string; template: string; params?: Record<string, unknown> };

export interface TemplateParam {
  name: string;
  type: "number" | "string" | "duration";
  description: string;
  default: number | string | { amount: number; unit: "minute" | "hour" | "day" | "week" };
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface Template {
  id: string;
  name: string;
  description: string;
  params: TemplateParam[];
  rule: RuleGroup;
}

interface MessageBase {
  userId: string;
  /** ISO 8601; default: when the server receives it. */
  timestamp?: string;
  messageId?: string;
}

/** What `/v1/batch` takes (Segment-spec messages). */
export type IngestMessage =
  | (MessageBase & { type: "identify"; traits?: Record<string, unknown> })
  | (MessageBase & { type: "track"; event: string; properties?: Record<string, unknown> })
  | (MessageBase & { type: "score"; score: string; value: number });

export interface IngestResult {
  success: true;
  accepted: number;
  duplicates: number;
  ignored: number;
}
