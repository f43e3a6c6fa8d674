import { type Group, ruleReferences, SegmentEngine } from "@growthos/segments-core";
import { stateFromStored } from "../runtime/state-from-stored.ts";
import type { SegmentRecord } from "../store/records.ts";
import type { Store } from "../store/store.ts";

/** Where a preview reads: the workspace's stored contacts and its saved segments. */
export interface PreviewSource {
  workspaceId: string;
  store: Store;
  segments: readonly SegmentRecord[];
}

export interface RulePreview {
  /** Contacts evaluated. */
  total: number;
  /** Of those, members. */
  count: number;
}

// No stored segment id can contain NUL (the API refuses it), so this never shadows one.
const PREVIEW_ID = "\u0000preview";

/**
 * Evaluates an unsaved (validated) rule for every stored contact as of `now`, calling `onMember`
 * for each member in contact-id order. Exact, and costly: one pass over every contact's stored
 * facts, outside the pipeline (ingestion goes on; contacts written meanwhile may or may not be
 * seen). Segments the rule references are evaluated from each contact's data, as the live
 * engine does. This is the one function a faster set evaluator replaces.
 */
export async function previewRule(
  source: PreviewSource,
  rule: Group,
  now: number,
  onMember: (contactId: string) => void,
): Promise<RulePreview> {
  const engine = new SegmentEngine(source.workspaceId, [
    ...referencedSegments(rule, source.segments),
    { id: PREVIEW_ID, rule },
  ]);
  const test = engine.tester(PREVIEW_ID);
  let total = 0;
  let count = 0;
  for await (const chunk of source.store.streamContacts(source.workspaceId)) {
    for (const c of chunk) {
      total++;
      if (!test(stateFromStored(engine, c), now)) continue;
      count++;
      onMember(c.id);
    }
  }
  return { total, count };
}

/** The saved segments `rule` reads, directly or through others (their states are needed too). */
function referencedSegments(rule: Group, segments: readonly SegmentRecord[]): { id: string; rule: Group }[] {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const found = new Map<string, Group>();
  const pending = [...ruleReferences(rule).segments];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const s = byId.get(id);
    if (s === undefined || found.has(id)) continue;
    found.set(id, s.rule);
    pending.push(...ruleReferences(s.rule).segments);
  }
  return [...found].map(([id, r]) => ({ id, rule: r }));
}
