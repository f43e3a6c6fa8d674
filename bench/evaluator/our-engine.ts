import { SegmentEngine } from "../../packages/core/src/engine/segment-engine.ts";
import type { GeneratedContact } from "../data/contact-generator.ts";
import { contactMessages } from "../data/contact-messages.ts";
import type { BenchRule } from "./bench-rules.ts";
import { measureSync, type Rate, settledHeap } from "./measure.ts";

type ContactState = ReturnType<SegmentEngine["createState"]>;

export interface OurSetup {
  engine: SegmentEngine;
  states: ContactState[];
  /** Mean of `engine.stateBytes` over all contacts. */
  stateBytesPerContact: number;
  /** Heap growth while the states were built, per contact (a cross-check of stateBytes). */
  heapBytesPerContact: number;
}

/** Builds every contact's state by applying its messages, as ingestion would. */
export function buildOurStates(rules: readonly BenchRule[], contacts: Iterable<GeneratedContact>): OurSetup {
  const engine = new SegmentEngine(
    "ws_bench",
    rules.map((r) => ({ id: r.id, rule: r.rule })),
  );
  const before = settledHeap();
  const states: ContactState[] = [];
  for (const contact of contacts) {
    const state = engine.createState(contact.id);
    for (const m of contactMessages(contact)) engine.apply(state, m);
    states.push(state);
  }
  const heapBytesPerContact = (settledHeap() - before) / states.length;
  let bytes = 0;
  for (const s of states) bytes += engine.stateBytes(s);
  return { engine, states, stateBytesPerContact: bytes / states.length, heapBytesPerContact };
}

/** `engine.tester` (membership only) over every contact, repeatedly, for at least `minMs` of CPU. */
export function measureTest(setup: OurSetup, ruleId: string, now: number, minMs: number): Rate {
  const { engine, states } = setup;
  const test = engine.tester(ruleId);
  const chunk = (from: number, to: number) => {
    let members = 0;
    for (let i = from; i < to; i++) if (test(states[i], now)) members++;
    return members;
  };
  return measureSync(chunk, states.length, minMs);
}

/** `engine.evaluate` (membership and next-change time) over every contact. */
export function measureEvaluate(setup: OurSetup, ruleId: string, now: number, minMs: number): Rate {
  const { engine, states } = setup;
  const chunk = (from: number, to: number) => {
    let sum = 0;
    for (let i = from; i < to; i++) {
      const m = engine.evaluate(ruleId, states[i], now);
      // Read `next` too, so that computing it cannot be skipped.
      if (m.member) sum++;
      if (m.next !== null) sum++;
    }
    return sum;
  };
  return measureSync(chunk, states.length, minMs);
}

/** Each contact's membership by `test` and by `evaluate`, for the equivalence check. */
export function ourMemberships(setup: OurSetup, ruleId: string, now: number) {
  const { engine, states } = setup;
  const test = new Uint8Array(states.length);
  const evaluate = new Uint8Array(states.length);
  for (let i = 0; i < states.length; i++) {
    test[i] = engine.test(ruleId, states[i], now) ? 1 : 0;
    evaluate[i] = engine.evaluate(ruleId, states[i], now).member ? 1 : 0;
  }
  return { test, evaluate };
}
