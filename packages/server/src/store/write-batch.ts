import type { ChangeKind, ListRecord, SegmentRecord, StoredEvent } from "./records.ts";

/**
 * One atomic unit of work for one workspace, as plain data. The pipeline decides everything
 * (last-writer-wins, memberships, changes); the store only applies it in one transaction, so
 * both adapters stay small and are held to the same conformance suite. The end state is that of
 * applying, in order: segment and list definitions; message ids, contacts, traits, scores,
 * events, list edits; memberships; deletions (a contact deleted in a batch is gone afterwards)
 * and the change log, whose rows no deletion touches.
 */
export interface WriteBatch {
  workspaceId: string;
  /** Message ids to record as processed (a repeated id is ignored on ingestion). */
  messageIds: string[];
  /** Contacts to create if absent. */
  contacts: { id: string; createdAt: number }[];
  /** Trait upserts, applied only when `ts` >= the stored one (ties: this write wins). `value: null` removes. */
  traits: { contactId: string; key: string; value: unknown; ts: number }[];
  /** Score upserts, same last-writer-wins rule. */
  scores: { contactId: string; score: string; value: number; ts: number }[];
  events: (StoredEvent & { contactId: string })[];
  listMembers: { listId: string; contactId: string; member: boolean }[];
  /** Removes the contacts with their traits, scores, events, list and segment memberships. */
  deletedContacts: string[];
  segments: SegmentRecord[];
  deletedSegments: string[];
  lists: ListRecord[];
  deletedLists: string[];
  /** Current membership: insert (member) or delete (not). */
  memberships: { segmentId: string; contactId: string; member: boolean; since: number }[];
  /** Appended to the change log in this order; the store assigns consecutive seq numbers. */
  changes: { segmentId: string; contactId: string; change: ChangeKind; at: number; segmentVersion: number }[];
}

export function emptyBatch(workspaceId: string): WriteBatch {
  return {
    workspaceId,
    messageIds: [],
    contacts: [],
    traits: [],
    scores: [],
    events: [],
    listMembers: [],
    deletedContacts: [],
    segments: [],
    deletedSegments: [],
    lists: [],
    deletedLists: [],
    memberships: [],
    changes: [],
  };
}

/** True when applying the batch would change nothing (no transaction needed). */
export function isEmptyBatch(b: WriteBatch): boolean {
  return (Object.keys(b) as (keyof WriteBatch)[]).every(
    (k) => k === "workspaceId" || (b[k] as unknown[]).length === 0,
  );
}
