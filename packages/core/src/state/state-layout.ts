import { compileEventFilters, type EventPropertiesTest } from "../evaluator/event-filter.ts";
import { readsDate } from "../evaluator/value-predicate.ts";
import type { Condition, EventFilter } from "../schema/conditions.ts";
import type { Node } from "../schema/rule.ts";
import { forEachCondition } from "../schema/walk.ts";
import { canonicalJson } from "../values/canonical-json.ts";
import { topLevelKeys } from "../values/property-path.ts";
import { boundaryPosition, HALF, innerDoubles, type TrackerSpan } from "./tracker-span.ts";

/** One kind of event the rules count: an event name plus `where` filters. */
export interface TrackerSpec {
  index: number;
  event: string;
  key: string;
  matches: EventPropertiesTest;
  /** Event properties some aggregate measures; their values are kept aligned with the times. */
  measured: string[];
}

/**
 * Which facts of a contact a workspace's rules read, each given a slot: property names, score
 * names, (event, where) trackers and list ids. A contact's state holds only these. Slots are
 * append-only (`extend`), but positions in a state follow from all of them: a state is valid for
 * a layout with the same signature only (a grown one needs its states rebuilt).
 *
 * A state keeps two arrays (see ContactState): `v`, each property's resolved value at its slot,
 * property dates and scores, then `d`; and `d`, its other numbers as unboxed doubles: the times
 * of scores and traits, then the boundaries between trackers (see tracker-span.ts), then the
 * trackers' events (per tracker its times, then each measured column). The positions below are derived from the slots alone, so equal signatures mean equal positions.
 */
export class StateLayout {
  readonly properties: string[] = [];
  readonly propertySlot = new Map<string, number>();
  /** Top-level trait key → the property slots that read it. */
  readonly keySlots = new Map<string, number[]>();
  /** Top-level trait keys some rule reads (see `at.traitTime`). */
  readonly traitKeys: string[] = [];
  readonly traitKey = new Map<string, number>();
  readonly scores: string[] = [];
  readonly scoreSlot = new Map<string, number>();
  readonly trackers: TrackerSpec[] = [];
  readonly trackersByEvent = new Map<string, TrackerSpec[]>();
  readonly lists = new Set<string>();
  /** Properties some rule reads as a date: only these keep a date form in `d`. */
  readonly datedProperties = new Set<string>();
  private readonly trackerByKey = new Map<string, TrackerSpec>();
  private pos: Positions | undefined;

  /** @example StateLayout.fromRules([rule]).propertySlot.get("plan") // 0 */
  static fromRules(rules: readonly Node[]): StateLayout {
    return new StateLayout().extend(rules);
  }

  /** Adds the slots `rules` need that this layout lacks, after the existing ones. */
  extend(rules: readonly Node[]): this {
    for (const rule of rules) forEachCondition(rule, (c) => this.register(c));
    this.pos = undefined;
    return this;
  }

  /** A copy to extend, leaving this layout (and the states built on it) as they are. */
  clone(): StateLayout {
    const copy = new StateLayout();
    for (const name of this.properties) copy.addProperty(name);
    for (const name of this.datedProperties) copy.datedProperties.add(name);
    for (const name of this.scores) copy.addScore(name);
    for (const t of this.trackers) copy.addTracker(t.event, t.key, t.matches).measured.push(...t.measured);
    for (const l of this.lists) copy.lists.add(l);
    return copy;
  }

  /** What states depend on; a layout whose signature is unchanged needs no facts reloaded. */
  signature(): string {
    return JSON.stringify([
      this.properties,
      this.scores,
      this.trackers.map((t) => [t.key, t.measured]),
      [...this.lists],
      [...this.datedProperties].sort(),
    ]);
  }

  /** Where each fact sits in a state's arrays (computed once the layout is complete). */
  get at(): Positions {
    this.pos ??= positions(this);
    return this.pos;
  }

  /** Positions in `v` of each property's date (undefined when no rule reads it as a date). */
  get propertyNum(): readonly (number | undefined)[] {
    return this.at.date;
  }

  /** Positions in `v` of each score's value. */
  get scoreNum(): readonly number[] {
    return this.at.score;
  }

  tracker(event: string, where: readonly EventFilter[] | undefined): TrackerSpec {
    const spec = this.trackerByKey.get(trackerKey(event, where));
    if (spec === undefined) throw new Error(`no tracker for event ${event}: the rule is not in this layout`);
    return spec;
  }

  measureIndex(spec: TrackerSpec, property: string): number {
    return spec.measured.indexOf(property);
  }

  private register(c: Condition): void {
    switch (c.type) {
      case "property":
        this.addProperty(c.property);
        if (readsDate(c)) this.datedProperties.add(c.property);
        break;
      case "score":
        this.addScore(c.score);
        break;
      case "event": {
        const spec = this.trackerFor(c.event, c.where);
        const m = c.measure;
        if (m !== undefined && m.aggregate !== "count" && !spec.measured.includes(m.property)) {
          spec.measured.push(m.property);
        }
        break;
      }
      case "event_time":
        this.trackerFor(c.event, c.where);
        break;
      case "sequence":
        for (const step of c.steps) this.trackerFor(step.event, step.where);
        break;
      case "list":
        this.lists.add(c.list);
        break;
      case "segment":
      case "bucket":
        break;
    }
  }

  private addProperty(name: string): void {
    if (this.propertySlot.has(name)) return;
    const slot = this.properties.push(name) - 1;
    this.propertySlot.set(name, slot);
    for (const key of topLevelKeys(name)) {
      if (!this.traitKey.has(key)) this.traitKey.set(key, this.traitKeys.push(key) - 1);
      const slots = this.keySlots.get(key) ?? [];
      slots.push(slot);
      this.keySlots.set(key, slots);
    }
  }

  private addScore(name: string): void {
    if (this.scoreSlot.has(name)) return;
    this.scoreSlot.set(name, this.scores.push(name) - 1);
  }

  private trackerFor(event: string, where: readonly EventFilter[] | undefined): TrackerSpec {
    const key = trackerKey(event, where);
    return this.trackerByKey.get(key) ?? this.addTracker(event, key, compileEventFilters(where));
  }

  private addTracker(event: string, key: string, matches: EventPropertiesTest): TrackerSpec {
    const spec: TrackerSpec = { index: this.trackers.length, event, key, matches, measured: [] };
    this.trackers.push(spec);
    this.trackerByKey.set(key, spec);
    const forEvent = this.trackersByEvent.get(event) ?? [];
    forEvent.push(spec);
    this.trackersByEvent.set(event, forEvent);
    return spec;
  }
}

/** Positions of a layout's facts in a state's `v` (values) and `d` (doubles) arrays. */
export interface Positions {
  /** Per property slot: its date (epoch ms, NaN when not one) in `v`, when some rule reads it as a date. */
  date: (number | undefined)[];
  /** Per property slot: whether its name has a dot (see apply-message.ts). */
  dotted: boolean[];
  /** Per score slot: its value (NaN when missing) in `v` and the time of that value in `d`. */
  score: number[];
  scoreTime: number[];
  /**
   * Per trait key: the time of its latest value in `d`; undefined for a dotted property's literal
   * key, which is rarely sent: its time is kept with its value, in the state's extras.
   */
  traitTime: (number | undefined)[];
  /** The boundaries between trackers start at d[offsets], two per double (tracker-span.ts). */
  offsets: number;
  /** Per tracker: where its span's boundaries are, and its stride (1 + measured properties). */
  span: TrackerSpan[];
  /** Where a state's doubles array sits in its values array: after the properties. */
  doublesAt: number;
  /** A new state's arrays: copied, so that each is allocated at its exact size and kind. */
  values: unknown[];
  doubles: number[];
}

function positions(layout: StateLayout): Positions {
  // In `v`, after the properties: the read-often numbers, whose stride in memory stays regular.
  let m = layout.properties.length;
  const date = layout.properties.map((p) => (layout.datedProperties.has(p) ? m++ : undefined));
  const score = layout.scores.map(() => m++);
  const doublesAt = m;
  let n = 0;
  const scoreTime = layout.scores.map(() => n++);
  const traitTime = layout.traitKeys.map((key) => (key.includes(".") ? undefined : n++));
  const offsets = n;
  const trackers = layout.trackers.length;
  const dotted = layout.properties.map((p) => p.includes("."));
  const span = layout.trackers.map((t, k): TrackerSpan => {
    const start = boundaryPosition(offsets, trackers, k);
    const end = boundaryPosition(offsets, trackers, k + 1);
    const stride = 1 + t.measured.length;
    return { startAt: start.at, startHigh: start.high, endAt: end.at, endHigh: end.high, stride };
  });
  const values = new Array<unknown>(doublesAt + 1).fill(undefined);
  for (const i of [...date, ...score]) if (i !== undefined) values[i] = Number.NaN;
  const doubles: number[] = [];
  for (let i = 0; i < offsets; i++) doubles.push(Number.NaN);
  for (const i of [...scoreTime, ...traitTime]) if (i !== undefined) doubles[i] = Number.NEGATIVE_INFINITY;
  // Every tracker starts empty, right after the boundaries.
  const inner = innerDoubles(trackers);
  const data = offsets + inner;
  for (let k = 0; k < inner; k++) doubles.push(data * HALF + data);
  return {
    date,
    dotted,
    score,
    scoreTime,
    traitTime,
    offsets,
    span,
    doublesAt,
    values: exact(values),
    doubles: exact(doubles, [0.5]),
  };
}

/**
 * A packed copy at its exact length. `kind` seeds the elements kind: [0.5] makes an array of
 * unboxed doubles even when every element is a small integer, so all states share one kind.
 */
function exact<T>(a: readonly T[], kind: T[] = []): T[] {
  const out = kind.slice();
  out.length = 0;
  for (const x of a) out.push(x);
  return out.slice();
}

function trackerKey(event: string, where: readonly EventFilter[] | undefined): string {
  return canonicalJson([event, where ?? []]);
}
