import { compileAggregate } from "../evaluator/compile-event.ts";
import { chainFrom } from "../evaluator/compile-sequence.ts";
import { compileWindow } from "../evaluator/event-window.ts";
import type { SegmentLookup } from "../model.ts";
import type { Condition, EventCondition, SequenceCondition } from "../schema/conditions.ts";
import type { ContactState } from "../state/contact-state.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { bucketOf } from "../values/bucket.ts";
import { durationMs } from "../values/durations.ts";
import type { Observed } from "./explain-node.ts";

const iso = (t: number | undefined): string | null =>
  t === undefined || !Number.isFinite(t) ? null : new Date(t).toISOString();

/** The values of the contact's data that a condition compares (see ExplainNode). */
export function observe(
  c: Condition,
  layout: StateLayout,
  s: ContactState,
  now: number,
  segments: SegmentLookup,
  workspaceId: string,
): Observed {
  switch (c.type) {
    case "property":
      return { kind: "value", value: s.props[layout.propertySlot.get(c.property) as number] ?? null };
    case "score": {
      const v = s.num[layout.scoreNum[layout.scoreSlot.get(c.score) as number]];
      return { kind: "value", value: Number.isNaN(v) ? null : v };
    }
    case "event":
      return observeEvents(c, layout, s, now);
    case "event_time": {
      const times = s.trackers[layout.tracker(c.event, c.where).index].times;
      return { kind: "time", value: iso(c.which === "first" ? times[0] : times[times.length - 1]) };
    }
    case "sequence":
      return observeSequence(c, layout, s, now);
    case "segment":
      return { kind: "membership", member: segments(c.segment).member };
    case "list":
      return { kind: "membership", member: s.lists?.has(c.list) === true };
    case "bucket":
      return { kind: "bucket", bucket: bucketOf(workspaceId, c.salt, s.id), below: c.percent * 100 };
  }
}

function windowBounds(c: EventCondition | SequenceCondition, now: number) {
  const w = c.window;
  if (w === undefined) return null;
  if ("within_last" in w) return { from: iso(now - durationMs(w.within_last)), to: iso(now) };
  if ("after" in w) return { from: w.after, to: null };
  if ("before" in w) return { from: null, to: w.before };
  return { from: w.between[0], to: w.between[1] };
}

function observeEvents(c: EventCondition, layout: StateLayout, s: ContactState, now: number): Observed {
  const tracker = s.trackers[layout.tracker(c.event, c.where).index];
  const { from, to } = compileWindow(c.window).range(tracker.times, now);
  const value = compileAggregate(c.measure, layout, c)(tracker, from, to);
  const times = tracker.times
    .slice(Math.max(from, to - 20), to)
    .reverse()
    .map((t) => iso(t) as string);
  return { kind: "events", value: value ?? null, matched: to - from, window: windowBounds(c, now), times };
}

function observeSequence(c: SequenceCondition, layout: StateLayout, s: ContactState, now: number): Observed {
  const steps = c.steps.map((st) => layout.tracker(st.event, st.where).index);
  const within = c.within === undefined ? Number.POSITIVE_INFINITY : durationMs(c.within);
  const firsts = s.trackers[steps[0]].times;
  const { from, to } = compileWindow(c.window).range(firsts, now);
  for (let i = from; i < to; i++) {
    const chain = chainFrom(steps, within, s, firsts[i]);
    if (chain !== undefined) return { kind: "sequence", chain: chain.map((t) => iso(t) as string) };
  }
  return { kind: "sequence", chain: null };
}
