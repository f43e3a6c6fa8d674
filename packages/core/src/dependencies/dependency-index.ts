import { assertNever } from "../assert-never.ts";
import type { DataChange } from "./data-change.ts";
import { orderOrCycle, SegmentCycleError, type SegmentDefinition, segmentGraph } from "./segment-order.ts";

const MEMO_LIMIT = 10_000;

type NamedChange = Exclude<DataChange, { kind: "segment" } | { kind: "contact_created" }>["kind"];

/**
 * Which segments a data change can affect, built once from all segment definitions. Segment
 * references make dependencies transitive: if B references A, a change that affects A affects B.
 * @example new DependencyIndex(defs).affectedBy([{ kind: "event", event: "signed_up" }]) // ["trial", "active_trial"]
 */
export class DependencyIndex {
  /** All segment ids, each after the segments it references. */
  readonly order: readonly string[];
  readonly #position = new Map<string, number>();
  readonly #dependents = new Map<string, string[]>();
  readonly #readers: Record<NamedChange, Map<string, string[]>> = {
    event: new Map(),
    property: new Map(),
    score: new Map(),
    list: new Map(),
  };
  readonly #timeDependent = new Set<string>();
  /** Answers per distinct set of changes: ingestion repeats a few shapes (the index never changes). */
  readonly #affected = new Map<string, readonly string[]>();
  /**
   * Answers for one change, by kind then name: most contacts of an ingest call have one message,
   * and this looks its answer up without building a key string per contact.
   */
  readonly #affectedOne = new Map<DataChange["kind"], Map<string, readonly string[]>>();

  /** Throws SegmentCycleError or DuplicateSegmentError when the definitions are not a DAG. */
  constructor(segments: readonly SegmentDefinition[]) {
    const { references, edges } = segmentGraph(segments);
    const { order, cycle } = orderOrCycle(edges);
    if (cycle !== null) throw new SegmentCycleError(cycle);
    this.order = order;
    // In topological order, so every list below comes out sorted and references are seen first.
    for (const [i, id] of order.entries()) {
      this.#position.set(id, i);
      const refs = references.get(id)!;
      addAll(this.#readers.event, refs.events, id);
      addAll(this.#readers.property, refs.propertyKeys, id);
      addAll(this.#readers.score, refs.scores, id);
      addAll(this.#readers.list, refs.lists, id);
      addAll(this.#dependents, refs.segments, id);
      const inherited = [...refs.segments].some((s) => this.#timeDependent.has(s));
      if (refs.timeDependent || inherited) this.#timeDependent.add(id);
    }
  }

  /**
   * The segments whose membership these changes can affect, directly or through segment
   * references, in topological order. A new contact can enter any segment, so it affects all.
   * @example index.affectedBy([{ kind: "property", key: "plan" }]) // ["free_users", "free_and_active"]
   */
  affectedBy(changes: readonly DataChange[]): readonly string[] {
    if (changes.length === 1) return this.#affectedByOne(changes[0]);
    return this.#remembered(this.#affected, changes.map(changeKey).join("\u0001"), changes);
  }

  #affectedByOne(change: DataChange): readonly string[] {
    let byName = this.#affectedOne.get(change.kind);
    if (byName === undefined) {
      byName = new Map();
      this.#affectedOne.set(change.kind, byName);
    }
    return this.#remembered(byName, changeName(change), [change]);
  }

  /** The answer for `changes` from `memo` under `key`, computed and kept when missing. */
  #remembered(
    memo: Map<string, readonly string[]>,
    key: string,
    changes: readonly DataChange[],
  ): readonly string[] {
    let affected = memo.get(key);
    if (affected === undefined) {
      // Frozen: every caller shares the answer.
      affected = Object.freeze(this.#computeAffected(changes));
      // Bounded: trait keys are open-ended, so new shapes could keep coming.
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, affected);
    }
    return affected;
  }

  #computeAffected(changes: readonly DataChange[]): string[] {
    const hit = new Set<string>();
    const queue: string[] = [];
    const mark = (id: string) => {
      if (!hit.has(id) && this.#position.has(id)) {
        hit.add(id);
        queue.push(id);
      }
    };
    for (const change of changes) for (const id of this.#directlyAffected(change)) mark(id);
    while (queue.length > 0) for (const id of this.dependentsOf(queue.pop()!)) mark(id);
    return [...hit].sort((a, b) => this.#position.get(a)! - this.#position.get(b)!);
  }

  /**
   * The segments that reference this one directly, in topological order. An id outside the index
   * still has dependents when indexed segments reference it.
   * @example index.dependentsOf("trial") // ["active_trial"]
   */
  dependentsOf(segmentId: string): string[] {
    return [...(this.#dependents.get(segmentId) ?? [])];
  }

  /**
   * True when time alone can change the segment: it, or a segment it references (transitively),
   * uses a relative date or a `within_last` window. False for an unknown id.
   * @example index.timeDependent("inactive_14_days") // true
   */
  timeDependent(segmentId: string): boolean {
    return this.#timeDependent.has(segmentId);
  }

  #directlyAffected(change: DataChange): readonly string[] {
    switch (change.kind) {
      case "event":
        return this.#readers.event.get(change.event) ?? [];
      case "property":
        return this.#readers.property.get(change.key) ?? [];
      case "score":
        return this.#readers.score.get(change.score) ?? [];
      case "list":
        return this.#readers.list.get(change.list) ?? [];
      case "segment":
        return this.#dependents.get(change.segment) ?? [];
      case "contact_created":
        return this.order;
      default:
        return assertNever(change);
    }
  }
}

function addAll(index: Map<string, string[]>, names: Iterable<string>, id: string): void {
  for (const name of names) {
    const ids = index.get(name);
    if (ids === undefined) index.set(name, [id]);
    else ids.push(id);
  }
}

const KIND_TAG: Record<DataChange["kind"], string> = {
  event: "e",
  property: "p",
  score: "s",
  list: "l",
  segment: "g",
  contact_created: "c",
};

/** A change's identity for the memo: its kind and the name it carries. */
function changeKey(c: DataChange): string {
  return KIND_TAG[c.kind] + changeName(c);
}

/** What the change names: an event, a key, a score, a list or a segment ("" for a new contact). */
function changeName(c: DataChange): string {
  switch (c.kind) {
    case "event":
      return c.event;
    case "property":
      return c.key;
    case "score":
      return c.score;
    case "list":
      return c.list;
    case "segment":
      return c.segment;
    case "contact_created":
      return "";
    default:
      return assertNever(c);
  }
}
