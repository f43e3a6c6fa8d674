/**
 * Builds one columnar dataset and, beside it, what the oracles need (each live contact's folded
 * snapshot and per-contact engine state), from per-contact message lists: some applied message
 * by message (interleaved across contacts, so event rows of contacts mix), some bulk-loaded as
 * snapshots, some deleted, some deleted and then re-created with new messages.
 */
import fc from "fast-check";
import type { SegmentDefinition } from "../../src/dependencies/index.ts";
import { SegmentEngine } from "../../src/engine/segment-engine.ts";
import type { ContactMessage, ContactSnapshot } from "../../src/model.ts";
import { foldMessages } from "../../src/reference/index.ts";
import { ColumnarDataset } from "../../src/set/index.ts";
import { messages } from "../support/arbitraries.ts";

export const WS = "ws_test";

export type Fate = "kept" | "deleted" | "recreated";

export interface ContactPlan {
  msgs: ContactMessage[];
  snapshot: boolean;
  fate: Fate;
  /** Messages of the re-created contact (after its deletion). */
  again: ContactMessage[];
}

/** Between `minLength` and `maxLength` contacts' plans. */
export const contactPlansOf = (length: { minLength: number; maxLength: number }) =>
  fc.array(
    fc.record({
      msgs: messages,
      snapshot: fc.boolean(),
      fate: fc.constantFrom<Fate>("kept", "kept", "kept", "deleted", "recreated"),
      again: messages,
    }),
    length,
  );

export const contactPlans = contactPlansOf({ minLength: 1, maxLength: 6 });

export interface Built {
  dataset: ColumnarDataset;
  /** Live contacts: id, index in the dataset, snapshot for the reference, engine state. */
  live: {
    id: string;
    index: number;
    snapshot: ContactSnapshot;
    state: ReturnType<SegmentEngine["createState"]>;
  }[];
  engine: SegmentEngine;
}

/** `midway` runs after half the messages: an evaluation there makes later writes update derived columns. */
export function build(
  plans: readonly ContactPlan[],
  segments: SegmentDefinition[],
  blockBits: number,
  focusBelow: number,
  midway: (dataset: ColumnarDataset) => void = () => {},
): Built {
  const dataset = new ColumnarDataset(WS, { blockBits, focusBelow });
  const engine = new SegmentEngine(WS, segments);
  const id = (k: number) => `c${k}`;
  plans.forEach((p, k) => {
    if (p.snapshot) dataset.loadSnapshot(foldMessages(id(k), p.msgs));
    else dataset.ensureContact(id(k));
  });
  // Round robin over the contacts applied message by message.
  const longest = Math.max(...plans.map((p) => p.msgs.length));
  for (let m = 0; m < longest; m++) {
    if (m === Math.floor(longest / 2)) midway(dataset);
    plans.forEach((p, k) => {
      if (!p.snapshot && m < p.msgs.length) dataset.apply(id(k), p.msgs[m]);
    });
  }
  plans.forEach((p, k) => {
    if (p.fate !== "kept") dataset.deleteContact(id(k));
  });
  plans.forEach((p, k) => {
    if (p.fate === "recreated") {
      dataset.ensureContact(id(k));
      for (const m of p.again) dataset.apply(id(k), m);
    }
  });
  const live: Built["live"] = [];
  plans.forEach((p, k) => {
    if (p.fate === "deleted") return;
    const msgs = p.fate === "recreated" ? p.again : p.msgs;
    const state = engine.createState(id(k));
    for (const m of msgs) engine.apply(state, m);
    live.push({
      id: id(k),
      index: dataset.indexOf(id(k)) as number,
      snapshot: foldMessages(id(k), msgs),
      state,
    });
  });
  return { dataset, live, engine };
}
