import { assertNever } from "../assert-never.ts";
import type { ContactMessage } from "../model.ts";
import { toEpochMs } from "../values/dates.ts";
import { lookupProperty } from "../values/property-path.ts";
import type { ContactState } from "./contact-state.ts";
import { insertEvent } from "./insert-event.ts";
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
      if (slot === undefined) return;
      const at = layout.at;
      if (m.timestamp >= s.d[at.scoreTime[slot]]) {
        s.v[at.score[slot]] = m.value;
        s.d[at.scoreTime[slot]] = m.timestamp;
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

/**
 * RULES.md lookup (the literal key first, then the dot path) kept up to date per trait key. A
 * dotless property's value is its trait's value. A dotted one keeps the value of its dot path
 * (not the whole head object, which may be large) unless its literal key was sent: see
 * StateExtras.parts.
 */
function applyTrait(layout: StateLayout, s: ContactState, key: string, value: unknown, ts: number): void {
  const slots = layout.keySlots.get(key);
  if (slots === undefined) return;
  const at = layout.at;
  const present: unknown = value ?? undefined;
  const time = at.traitTime[layout.traitKey.get(key) as number];
  if (time === undefined) {
    applyLiteral(layout, s, layout.propertySlot.get(key) as number, present, ts);
    return;
  }
  if (s.d[time] > ts) return;
  s.d[time] = ts;
  for (const slot of slots) {
    if (!at.dotted[slot]) {
      setProperty(layout, s, slot, present);
      continue;
    }
    // `key` is the head of this dotted name.
    const path =
      present === undefined ? undefined : lookupProperty({ [key]: present }, layout.properties[slot]);
    const parts = s.x?.parts?.get(slot);
    if (parts !== undefined) parts.path = path;
    setProperty(layout, s, slot, parts?.literal !== undefined ? parts.literal : path);
  }
}

/** The literal key of the dotted property at `slot`. */
function applyLiteral(
  layout: StateLayout,
  s: ContactState,
  slot: number,
  present: unknown,
  ts: number,
): void {
  let parts = s.x?.parts?.get(slot);
  if (parts === undefined) {
    // Until now the slot held the dot path's value.
    parts = { literal: undefined, time: Number.NEGATIVE_INFINITY, path: s.v[slot] };
    const extras = s.extras();
    extras.parts ??= new Map();
    extras.parts.set(slot, parts);
  }
  if (parts.time > ts) return;
  parts.time = ts;
  parts.literal = present;
  setProperty(layout, s, slot, present !== undefined ? present : parts.path);
}

function setProperty(layout: StateLayout, s: ContactState, slot: number, value: unknown): void {
  s.v[slot] = value;
  const date = layout.at.date[slot];
  if (date !== undefined) s.v[date] = toEpochMs(value) ?? Number.NaN;
}

const NOTHING_MEASURED: readonly number[] = Object.freeze([]);

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
    // Most trackers only count and time their events: no array per insert for them.
    const measured =
      spec.measured.length === 0
        ? NOTHING_MEASURED
        : spec.measured.map((p) => {
            const v = lookupProperty(props, p);
            return typeof v === "number" && Number.isFinite(v) ? v : Number.NaN;
          });
    insertEvent(s, layout.at.span, spec.index, ts, measured);
  }
}
