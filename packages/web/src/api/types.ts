import type { Group } from "@growthos/segments-core";

/** Response shapes of the HTTP API (API.md); the rule tree itself is the core's `Group`. */

export type SegmentStatus = "computing" | "live" | "paused";

export interface Segment {
  id: string;
  name: string;
  description: string;
  rule: Group;
  size: number;
  status: SegmentStatus;
  /** While computing: contacts read of those there were when it started. */
  progress?: { read: number; total: number };
  version: number;
  created_at: string;
  updated_at: string;
}

export interface HistoryPoint {
  at: string;
  size: number;
  entered: number;
  exited: number;
}

export interface TemplateParam {
  name: string;
  type: "number" | "string" | "duration";
  description: string;
  default: unknown;
}

export interface Template {
  id: string;
  name: string;
  description: string;
  params: TemplateParam[];
  rule: Group;
}

export type ValueType = "string" | "number" | "boolean" | "date" | "array" | "object";

export interface CatalogField {
  name: string;
  type: ValueType;
  types: ValueType[];
  examples: unknown[];
}

export interface Catalog {
  properties: (CatalogField & { contacts: number })[];
  events: { name: string; count: number; contacts: number; properties: CatalogField[] }[];
  scores: { name: string; contacts: number; min: number; max: number }[];
  module_fields: (CatalogField & { module: string; contacts: number })[];
}

export interface Preview {
  count: number;
  total: number;
  sample: string[];
  exact: boolean;
}

export interface SegmentPreview {
  count: number;
  entering: number;
  exiting: number;
  entering_sample: string[];
  exiting_sample: string[];
}

export interface Member {
  contact_id: string;
  since: string;
}

export interface MemberPage {
  data: Member[];
  next_cursor: string | null;
}

export interface Change {
  seq: number;
  segment_id: string;
  contact_id: string;
  change: "entered" | "exited";
  at: string;
}

export interface ListInfo {
  id: string;
  name: string;
}

export interface Webhook {
  id: string;
  url: string;
  segments: string[] | null;
  status: "active" | "disabled";
}

export interface ExplainNode {
  type: string;
  path: string;
  result: boolean;
  changes_at: string | null;
  combinator?: "and" | "or";
  negate?: boolean;
  condition?: Record<string, unknown>;
  observed?: Record<string, unknown> & { kind: string };
  children?: ExplainNode[];
}

/** An RFC 9457 problem as the API answers every error. */
export interface Problem {
  status: number;
  title: string;
  detail: string;
  errors: { path: string; message: string }[];
}
