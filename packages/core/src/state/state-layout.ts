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
  matches: EventPropertiesTest;
  /** Event properties some aggregate measures; their values are kept aligned with the times. */
  measured: string[];
}

/**
 * Which facts of a contact a workspace's rules read, each given a slot: property names, score
 * names, (event, where) trackers and list ids. A contact's state holds only these.
 */
export class StateLayout {
  readonly properties: string[] = [];
  readonly propertySlot = new Map<string, number>();
  /** Top-level trait key → the property slots that read it. */
  readonly keySlots = new Map<string, number[]>();
  readonly scores: string[] = [];
  readonly scoreSlot = new Map<string, number>();
  readonly trackers: TrackerSpec[] = [];
  readonly trackersByEvent = new Map<string, TrackerSpec[]>();
  readonly lists = new Set<string>();
  private readonly trackerByKey = new Map<string, TrackerSpec>();

  /** Where each section starts in a state's `num` array: property dates, scores, event counts. */
  get scoreOffset(): number {
    return this.properties.length;
  }
  get countOffset(): number {
    return this.properties.length + this.scores.length;
  }
  get numSize(): number {
    return this.properties.length + this.scores.length + this.trackers.length;
  }

  /** @example StateLayout.fromRules([rule]).propertySlot.get("plan") // 0 */
  static fromRules(rules: readonly Node[]): StateLayout {
    const layout = new StateLayout();
    for (const rule of rules) forEachCondition(rule, (c) => layout.register(c));
    return layout;
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
        if (!this.scoreSlot.has(c.score)) this.scoreSlot.set(c.score, this.scores.push(c.score) - 1);
        break;
      case "event": {
        const spec = this.addTracker(c.event, c.where);
        const m = c.measure;
        if (m !== undefined && m.aggregate !== "count" && !spec.measured.includes(m.property)) {
          spec.measured.push(m.property);
        }
        break;
      }
      case "event_time":
        this.addTracker(c.event, c.where);
        break;
      case "sequence":
        for (const step of c.steps) this.addTracker(step.event, step.where);
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
      const slots = this.keySlots.get(key) ?? [];
      slots.push(slot);
      this.keySlots.set(key, slots);
    }
  }

  private addTracker(event: string, where: readonly EventFilter[] | undefined): TrackerSpec {
    const key = trackerKey(event, where);
    const found = this.trackerByKey.get(key);
    if (found !== undefined) return found;
    const spec: TrackerSpec = {
      index: this.trackers.length,
      event,
      matches: compileEventFilters(where),
      measured: [],
    };
    this.trackers.push(spec);
    this.trackerByKey.set(key, spec);
    const forEvent = this.trackersByEvent.get(event) ?? [];
    forEvent.push(spec);
    this.trackersByEvent.set(event, forEvent);
    return spec;
  }
}

function trackerKey(event: string, where: readonly EventFilter[] | undefined): string {
  return canonicalJson([event, where ?? []]);
}
