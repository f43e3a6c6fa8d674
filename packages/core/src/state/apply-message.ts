import { assertNever } from "../assert-never.ts";
import type { ContactMessage } from "../model.ts";
import { toEpochMs } from "../values/dates.ts";
import { lookupProperty } from "../values/property-path.ts";
import type { ContactState } from "./contact-state.ts";
import { EventTracker } from "./event-tracker.ts";
import type { StateLayout } from "./state-layout.ts";

/**
 * Applies one message to a contact's state, incrementally: traits and scores by latest
 * timestamp (ties: this later message wins), events at their own time, list edits in order.
 * @example applyMessage(layout, state, { type: "score", score: "nps", value: 9, timestamp: t })
 */
export function applyMessage(layout: StateLayout, s: ContactState, m: ContactMessage): void {
  switch (m.type) {
    case "identify":
      for (const key of Object.keys(m.traits)) applyTrait(layout, s, key, m.traits[key], m.timestamp);
      return;
    case "track":
      applyEvent(layout, s, m.event, m.properties, m.timestamp);
      return;
    case "score": {
      const slot = layout.scoreSlot.get(m.score);
      if (slot !== undefined && m.timestamp >= s.scoreTimes[slot]) {
        s.num[layout.scoreNum[slot]] = m.value;
        s.scoreTimes[slot] = m.timestamp;
      }
      return;
    }
    case "list":
      if (!layout.lists.has(m.list)) return;
      if (m.member) {
        s.lists ??= new Set();
        s.lists.add(m.list);
      } else {
        s.lists?.delete(m.list);
      }
      return;
    default:
      assertNever(m);
  }
}

function applyTrait(layout: StateLayout, s: ContactState, key: string, value: unknown, ts: number): void {
  const slots = layout.keySlots.get(key);
  if (slots === undefined) return;
  const k = layout.traitKey.get(key) as number;
  if (s.traitTimes[k] > ts) return;
  s.traitValues[k] = value ?? undefined;
  s.traitTimes[k] = ts;
  for (const slot of slots) {
    const v = resolveProperty(layout, s, layout.properties[slot]);
    s.props[slot] = v;
    s.num[layout.propertyNum[slot]] = toEpochMs(v) ?? Number.NaN;
  }
}

/** RULES.md lookup over the kept traits: the literal key first, then the dot path. */
function resolveProperty(layout: StateLayout, s: ContactState, name: string): unknown {
  const trait = (key: string) => {
    const k = layout.traitKey.get(key);
    return k === undefined ? undefined : s.traitValues[k];
  };
  const literal = trait(name);
  if (literal !== undefined) return literal;
  const dot = name.indexOf(".");
  if (dot < 0) return undefined;
  const head = name.slice(0, dot);
  const root = trait(head);
  return root === undefined ? undefined : lookupProperty({ [head]: root }, name);
}

function applyEvent(
  layout: StateLayout,
  s: ContactState,
  event: string,
  props: Readonly<Record<string, unknown>>,
  ts: number,
): void {
  const specs = layout.trackersByEvent.get(event);
  if (specs === undefined) return;
  for (const spec of specs) {
    if (!spec.matches(props)) continue;
    const measured = spec.measured.map((p) => {
      const v = lookupProperty(props, p);
      return typeof v === "number" && Number.isFinite(v) ? v : Number.NaN;
    });
    let tracker = s.trackers[spec.index];
    if (tracker === EventTracker.EMPTY) {
      tracker = new EventTracker(spec.measured.length);
      s.trackers[spec.index] = tracker;
    }
    tracker.insert(ts, measured);
    s.num[layout.countNum[spec.index]] = tracker.times.length;
  }
}
