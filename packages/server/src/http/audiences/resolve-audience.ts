import type { Store } from "../../store/store.ts";
import { compareCodePoints } from "./code-point-order.ts";
import { MemberStream } from "./member-stream.ts";

export interface AudienceQuery {
  workspaceId: string;
  include: readonly string[];
  isExcluded: (contactId: string) => boolean;
  limit: number;
  after?: string;
}

export interface AudiencePage {
  data: { contactId: string; segments: string[] }[];
  /** The last contact id of a full page when more may follow; null at the end. */
  next: string | null;
}

/**
 * One page of the contacts in any `include` segment and not excluded, in contact-id order:
 * a merge of the segments' member pages (keyset, so pages never repeat or skip a contact that
 * stays in), each contact once, with the include segments it is in.
 */
export async function resolveAudience(store: Store, q: AudienceQuery): Promise<AudiencePage> {
  const streams = q.include.map((s) => new MemberStream(store, q.workspaceId, s, q.after, q.limit + 1));
  const data: AudiencePage["data"] = [];
  for (;;) {
    const heads = await Promise.all(streams.map((s) => s.head()));
    let min: string | undefined;
    for (const h of heads)
      if (h !== undefined && (min === undefined || compareCodePoints(h, min) < 0)) min = h;
    if (min === undefined) return { data, next: null };
    const segments: string[] = [];
    for (const [i, s] of streams.entries()) {
      if (heads[i] !== min) continue;
      segments.push(s.segmentId);
      s.advance();
    }
    if (q.isExcluded(min)) continue;
    if (data.length === q.limit) return { data, next: data[data.length - 1].contactId };
    data.push({ contactId: min, segments });
  }
}
