import jsonLogic, { type JsonLogicRule } from "json-logic-js";
import { Engine } from "json-rules-engine";
import type { GeneratedContact } from "../data/contact-generator.ts";
import type { BenchRule } from "./bench-rules.ts";
import { measureAsync, measureSync, type Rate } from "./measure.ts";
import { featuresOf, peerData } from "./peer-features.ts";
import { toJsonLogic } from "./to-json-logic.ts";
import { toJsonRulesEngine } from "./to-json-rules-engine.ts";

/** One rule as the peers see it: translated at `now`, with each contact's flat data object. */
export interface PeerRule {
  id: string;
  logic: JsonLogicRule;
  engine: Engine;
  /** Only the facts this rule reads: the cheapest input json-rules-engine can be given. */
  data: Record<string, unknown>[];
}

export function buildPeerRules(
  rules: readonly BenchRule[],
  contacts: Iterable<GeneratedContact>,
  now: number,
): PeerRule[] {
  const peers = rules.map((r) => ({
    id: r.id,
    features: featuresOf(r.rule),
    logic: toJsonLogic(r.rule, now),
    engine: new Engine([{ conditions: toJsonRulesEngine(r.rule, now), event: { type: r.id } }], {
      allowUndefinedFacts: true,
    }),
    data: [] as Record<string, unknown>[],
  }));
  for (const contact of contacts) {
    for (const p of peers) p.data.push(peerData(p.features, contact, now));
  }
  return peers.map(({ features: _, ...p }) => p);
}

export function jsonLogicMember(p: PeerRule, i: number): boolean {
  return jsonLogic.apply(p.logic, p.data[i]) === true;
}

export async function jsonRulesEngineMember(p: PeerRule, i: number): Promise<boolean> {
  return (await p.engine.run(p.data[i])).events.length > 0;
}

export function measureJsonLogic(p: PeerRule, minMs: number): Rate {
  const chunk = (from: number, to: number) => {
    let members = 0;
    for (let i = from; i < to; i++) if (jsonLogic.apply(p.logic, p.data[i])) members++;
    return members;
  };
  return measureSync(chunk, p.data.length, minMs);
}

/**
 * json-rules-engine is promise-based: each run is awaited in turn (the way a consumer processes a
 * stream). Batches of 16..1000 runs under Promise.all were tried: not consistently faster.
 */
export function measureJsonRulesEngine(p: PeerRule, minMs: number): Promise<Rate> {
  const chunk = async (from: number, to: number) => {
    let members = 0;
    for (let i = from; i < to; i++) if ((await p.engine.run(p.data[i])).events.length > 0) members++;
    return members;
  };
  return measureAsync(chunk, p.data.length, minMs);
}
