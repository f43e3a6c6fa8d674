import { compileEventFilters, type EventPropertiesTest } from "../evaluator/event-filter.ts";
import type { Condition, EventFilter } from "../schema/conditions.ts";
import type { Node } from "../schema/rule.ts";
import { forEachCondition } from "../schema/walk.ts";
import { canonicalJson } from "../values/canonical-json.ts";
import { topLevelKeys } from "../values/property-path.ts";

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
 * append-only (`extend`), so a state built for a layout can be widened for its extension.
 */
export class StateLayout {
  readonly properties: string[] = [];
  readonly propertySlot = new Map<string, number>();
  /** Top-level trait key → the property slots that read it. */
  readonly keySlots = new Map<string, number[]>();
  /** Top-level trait keys some rule reads, each with a position in a state's trait arrays. */
  readonly traitKeys: string[] = [];
  readonly traitKey = new Map<string, number>();
  readonly scores: string[] = [];
  readonly scoreSlot = new Map<string, number>();
  readonly trackers: TrackerSpec[] = [];
  readonly trackersByEvent = new Map<string, TrackerSpec[]>();
  readonly lists = new Set<string>();
  /** Positions in a state's `num` array: each property's date, each score, each tracker's count. */
  readonly propertyNum: number[] = [];
  readonly scoreNum: number[] = [];
  readonly countNum: number[] = [];
  numSize = 0;
  private readonly trackerByKey = new Map<string, TrackerSpec>();
  private template: number[] | undefined;

  /** @example StateLayout.fromRules([rule]).propertySlot.get("plan") // 0 */
  static fromRules(rules: readonly Node[]): StateLayout {
    return new StateLayout().extend(rules);
  }

  /** Adds the slots `rules` need that this layout lacks, after the existing ones. */
  extend(rules: readonly Node[]): this {
    for (const rule of rules) forEachCondition(rule, (c) => this.register(c));
    return this;
  }

  /** A copy to extend, leaving this layout (and the states built on it) as they are. */
  clone(): StateLayout {
    const copy = new StateLayout();
    for (const name of this.properties) copy.addProperty(name);
    for (const name of this.scores) copy.addScore(name);
    for (const t of this.trackers) copy.addTracker(t.event, t.key, t.matches).measured.push(...t.measured);
    for (const l of this.lists) copy.lists.add(l);
    // Positions interleave by registration order: copy them rather than re-deriving them.
    copy.propertyNum.splice(0, Number.POSITIVE_INFINITY, ...this.propertyNum);
    copy.scoreNum.splice(0, Number.POSITIVE_INFINITY, ...this.scoreNum);
    copy.countNum.splice(0, Number.POSITIVE_INFINITY, ...this.countNum);
    copy.numSize = this.numSize;
    return copy;
  }

  /** What states depend on; a layout whose signature is unchanged needs no facts reloaded. */
  signature(): string {
    return JSON.stringify([
      this.properties,
      this.scores,
      this.trackers.map((t) => [t.key, t.measured]),
      [...this.lists],
    ]);
  }

  /** A new state's `num` array: NaN (missing) everywhere but 0 for event counts. */
  numTemplate(): number[] {
    if (this.template?.length !== this.numSize) {
      const t = new Array<number>(this.numSize).fill(Number.NaN);
      for (const i of this.countNum) t[i] = 0;
      this.template = t;
    }
    return this.template;
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
    this.propertyNum.push(this.numSize++);
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
    this.scoreNum.push(this.numSize++);
  }

  private trackerFor(event: string, where: readonly EventFilter[] | undefined): TrackerSpec {
    const key = trackerKey(event, where);
    return this.trackerByKey.get(key) ?? this.addTracker(event, key, compileEventFilters(where));
  }

  private addTracker(event: string, key: string, matches: EventPropertiesTest): TrackerSpec {
    const spec: TrackerSpec = { index: this.trackers.length, event, key, matches, measured: [] };
    this.trackers.push(spec);
    this.trackerByKey.set(key, spec);
    this.countNum.push(this.numSize++);
    const forEvent = this.trackersByEvent.get(event) ?? [];
    forEvent.push(spec);
    this.trackersByEvent.set(event, forEvent);
    return spec;
  }
}

function trackerKey(event: string, where: readonly EventFilter[] | undefined): string {
  return canonicalJson([event, where ?? []]);
}
