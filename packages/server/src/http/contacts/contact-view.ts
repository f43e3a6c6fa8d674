import type { MembershipRecord, StoredContact } from "../../store/records.ts";
import type { Contact } from "./contact-schemas.ts";

/** A stored contact as the API shows it: resolved properties and scores, ISO times. */
export function contactView(c: StoredContact, memberships: readonly MembershipRecord[]): Contact {
  const properties: Record<string, unknown> = {};
  for (const t of c.traits) if (t.value !== null) properties[t.key] = t.value;
  const scores: Record<string, number> = {};
  for (const s of c.scores) scores[s.score] = s.value;
  return {
    id: c.id,
    properties,
    scores,
    segments: [...memberships]
      .sort((a, b) => a.since - b.since || a.segmentId.localeCompare(b.segmentId))
      .map((m) => ({ segment_id: m.segmentId, since: new Date(m.since).toISOString() })),
    created_at: new Date(c.createdAt).toISOString(),
  };
}
