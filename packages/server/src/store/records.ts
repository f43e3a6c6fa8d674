import type { Group } from "@growthos/segments-core";

/** Rows as the store keeps them. Times are epoch ms (integers); seq numbers are per workspace. */

export interface WorkspaceRecord {
  id: string;
  name: string;
  /** SHA-256 (hex) of the API key: keys themselves are never stored. */
  apiKeyHash: string;
  createdAt: number;
}

export type SegmentStatus = "computing" | "live" | "paused";

export interface SegmentRecord {
  workspaceId: string;
  id: string;
  name: string;
  description: string;
  rule: Group;
  /** Bumped on every rule change; recorded with each membership change. */
  version: number;
  status: SegmentStatus;
  createdAt: number;
  updatedAt: number;
}

export interface ListRecord {
  workspaceId: string;
  id: string;
  name: string;
  createdAt: number;
}

/** A trait's latest value and the timestamp of the message that set it (`null`: removed). */
export interface StoredTrait {
  key: string;
  value: unknown;
  ts: number;
}

export interface StoredScore {
  score: string;
  value: number;
  ts: number;
}

export interface StoredEvent {
  event: string;
  timestamp: number;
  properties: Record<string, unknown>;
}

/** Everything durable about one contact: what the engine's state is rebuilt from. */
export interface StoredContact {
  id: string;
  createdAt: number;
  traits: StoredTrait[];
  scores: StoredScore[];
  lists: string[];
  /** In ascending timestamp order (ties: arrival order). */
  events: StoredEvent[];
}

export interface MembershipRecord {
  segmentId: string;
  contactId: string;
  since: number;
}

export type ChangeKind = "entered" | "exited";

export interface ChangeRecord {
  seq: number;
  segmentId: string;
  contactId: string;
  change: ChangeKind;
  at: number;
  segmentVersion: number;
}

/**
 * Where a webhook's deliveries stand, kept durably so a restart resumes where it stopped:
 * every change up to `cursor` was delivered (a 2xx) or is not for this webhook.
 */
export interface WebhookDeliveryState {
  cursor: number;
  /** Failed attempts in a row at the change after `cursor` (0 after a success). */
  failures: number;
  /** 410 Gone answers in a row; enough of them disable the webhook. */
  gone: number;
  /** When the next attempt is due after a failure; null: now. */
  nextAttemptAt: number | null;
  lastError: string | null;
  /** Set once the webhook stops delivering, with why; it is never re-enabled on its own. */
  disabledAt: number | null;
  disabledReason: string | null;
}

export interface WebhookRecord {
  workspaceId: string;
  id: string;
  url: string;
  /** Only changes of these segments; null: every segment. */
  segments: string[] | null;
  /** The Standard Webhooks signing secret (`whsec_` + base64), kept as it is: it must sign. */
  secret: string;
  createdAt: number;
  delivery: WebhookDeliveryState;
}
