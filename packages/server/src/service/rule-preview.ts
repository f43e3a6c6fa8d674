import {
  Bitset,
  type ColumnarDataset,
  canonicalJson,
  estimateSet,
  evaluateSet,
  type Group,
} from "@growthos/segments-core";
import { compareCodePoints } from "../http/audiences/code-point-order.ts";
import type { WorkspaceRuntime } from "../runtime/workspace-runtime.ts";

export interface PreviewOptions {
  /** Up to this many contacts a preview is always exact; above it, the first answer is an estimate. */
  exactLimit: number;
  /** Contacts an estimate evaluates (a share of the dataset's blocks). */
  estimateContacts: number;
  /** How long an exact count computed after an estimate is served for the same rule. */
  exactTtlMs: number;
}

const DEFAULTS: PreviewOptions = { exactLimit: 250_000, estimateContacts: 50_000, exactTtlMs: 30_000 };

export interface RuleCount {
  count: number;
  total: number;
  exact: boolean;
  /** Half-width of a 95% interval around `count` (0 when exact). */
  errorBound: number;
  /** Members when exact; absent for an estimate. */
  members?: Bitset;
}

/**
 * Previews an unsaved rule over the workspace's columnar dataset, kept in memory in step with
 * the live states (so it sees every acknowledged message). A segment it references counts with
 * its current membership. A large workspace answers a sampled estimate at once and computes the
 * exact figure right after, for the next call with the same rule.
 */
export class RulePreviewer {
  private readonly options: PreviewOptions;
  private readonly exact = new Map<string, { at: number; count: number; total: number }>();

  constructor(
    private readonly runtime: WorkspaceRuntime,
    private readonly clock: () => number,
    options: Partial<PreviewOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** The exact members of `rule` now (edit impact, samples). */
  members(rule: Group, now: number): Bitset {
    return evaluateSet(rule, this.dataset, now, (id) => this.segmentMembers(id));
  }

  count(rule: Group, now: number): RuleCount {
    const total = this.dataset.contactCount;
    const key = canonicalJson(rule);
    const cached = this.exact.get(key);
    if (cached !== undefined && now - cached.at <= this.options.exactTtlMs)
      return { count: cached.count, total: cached.total, exact: true, errorBound: 0 };
    if (total <= this.options.exactLimit) {
      const members = this.members(rule, now);
      return { count: members.count(), total, exact: true, errorBound: 0, members };
    }
    const e = estimateSet(rule, this.dataset, now, {
      sampleFraction: this.options.estimateContacts / total,
      segmentMembers: (id) => this.segmentMembers(id),
    });
    setImmediate(() => {
      const at = this.clock();
      this.exact.set(key, { at, count: this.members(rule, at).count(), total: this.dataset.contactCount });
      for (const [k, v] of this.exact) if (at - v.at > this.options.exactTtlMs) this.exact.delete(k);
    });
    return { count: Math.round(e.estimate), total, exact: e.exact, errorBound: Math.ceil(e.errorBound) };
  }

  /** The first `k` members by id (the order the stores list members in). */
  firstIds(members: Bitset, k: number): string[] {
    const best: string[] = [];
    if (k <= 0) return best;
    members.visit((i) => {
      const id = this.dataset.idAt(i);
      if (best.length < k || compareCodePoints(id, best[best.length - 1]) < 0) {
        let at = best.length;
        while (at > 0 && compareCodePoints(id, best[at - 1]) < 0) at--;
        best.splice(at, 0, id);
        if (best.length > k) best.pop();
      }
      return true;
    });
    return best;
  }

  /** Current members of a saved segment as a bitset over the dataset's contact indices. */
  segmentMembers(segmentId: string): Bitset {
    const bits = new Bitset(this.dataset.size);
    this.runtime.forEachMember(segmentId, (id) => {
      const i = this.dataset.indexOf(id);
      if (i !== undefined) bits.add(i);
    });
    return bits;
  }

  /** Contact ids of `bits`. */
  ids(bits: Bitset): string[] {
    return bits.toArray().map((i) => this.dataset.idAt(i));
  }

  private get dataset(): ColumnarDataset {
    return this.runtime.dataset;
  }
}
