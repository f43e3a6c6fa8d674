import { grown } from "../../packages/core/src/set/growable.ts";
import { ColumnarDataset } from "../../packages/core/src/set/index.ts";
import {
  type ContactGeneratorOptions,
  type GeneratedContact,
  generateContacts,
} from "../data/contact-generator.ts";
import { EVENT_NAMES } from "../data/vocabulary.ts";

/**
 * The generated data as the SQL peers' tables, column by column (null as -1 or NaN): typed
 * arrays, so that 1M contacts and 20M events sit in memory once, beside our dataset.
 */
export interface PeerTables {
  contacts: number;
  plan: string[];
  signupMs: Float64Array;
  companySize: Int32Array;
  country: string[];
  /** -1: no referrals module data. */
  referralsCount: Int32Array;
  /** -1: no sequences module data; else 0/1. */
  sequencesActive: Int8Array;
  /** -1: missing score. */
  nps: Int8Array;
  engagement: Int8Array;
  events: number;
  eventContact: Int32Array;
  /** Index into EVENT_NAMES. */
  eventName: Uint8Array;
  eventTs: Float64Array;
  /** NaN: no amount. */
  eventAmount: Float64Array;
}

export interface LoadedData {
  dataset: ColumnarDataset;
  peers: PeerTables;
  /** Time spent inside our bulk loader only (generation excluded), ms. */
  oursLoadMs: number;
}

/**
 * Generates `count` contacts once: each goes into our dataset (bulk loader) and into the peers'
 * column arrays. Our load time is the bulk load's wall time minus the time spent generating
 * and filling the peers' arrays. Contact `user_<i>` is id i for the peers.
 */
export function generateData(count: number, gen: ContactGeneratorOptions, workspaceId: string): LoadedData {
  const dataset = new ColumnarDataset(workspaceId);
  const nameIndex = new Map(EVENT_NAMES.map((n, i) => [n, i]));
  const p = emptyTables(count, count * gen.meanEvents);
  let outsideMs = 0;
  function* contacts() {
    let t0 = performance.now();
    for (const c of generateContacts(count, gen)) {
      fill(p, c, nameIndex);
      outsideMs += performance.now() - t0;
      yield c;
      t0 = performance.now();
    }
    outsideMs += performance.now() - t0;
  }
  const start = performance.now();
  dataset.loadSnapshots(contacts());
  return { dataset, peers: p, oursLoadMs: performance.now() - start - outsideMs };
}

function fill(p: PeerTables, c: GeneratedContact, nameIndex: ReadonlyMap<string, number>): void {
  {
    const i = p.contacts++;
    const props = c.properties;
    p.plan[i] = props.plan as string;
    p.signupMs[i] = c.signupAt;
    p.companySize[i] = props.company_size as number;
    p.country[i] = props.country as string;
    p.referralsCount[i] = (props.referrals as { count: number } | undefined)?.count ?? -1;
    const active = (props.sequences as { active: boolean } | undefined)?.active;
    p.sequencesActive[i] = active === undefined ? -1 : active ? 1 : 0;
    p.nps[i] = c.scores.nps ?? -1;
    p.engagement[i] = c.scores.engagement ?? -1;
    const need = p.events + c.events.length;
    p.eventContact = grown(p.eventContact, need);
    p.eventName = grown(p.eventName, need);
    p.eventTs = grown(p.eventTs, need);
    p.eventAmount = grown(p.eventAmount, need);
    for (const e of c.events) {
      const k = p.events++;
      p.eventContact[k] = i;
      p.eventName[k] = nameIndex.get(e.event) as number;
      p.eventTs[k] = e.timestamp;
      const amount = e.properties.amount;
      p.eventAmount[k] = typeof amount === "number" ? amount : Number.NaN;
    }
  }
}

function emptyTables(contacts: number, events: number): PeerTables {
  return {
    contacts: 0,
    plan: new Array<string>(contacts),
    signupMs: new Float64Array(contacts),
    companySize: new Int32Array(contacts),
    country: new Array<string>(contacts),
    referralsCount: new Int32Array(contacts),
    sequencesActive: new Int8Array(contacts),
    nps: new Int8Array(contacts),
    engagement: new Int8Array(contacts),
    events: 0,
    eventContact: new Int32Array(events),
    eventName: new Uint8Array(events),
    eventTs: new Float64Array(events),
    eventAmount: new Float64Array(events),
  };
}

/** Bytes held by the peers' arrays (subtracted when measuring our dataset's memory). */
export function peerTablesBytes(p: PeerTables): number {
  const typed = [
    p.signupMs,
    p.companySize,
    p.referralsCount,
    p.sequencesActive,
    p.nps,
    p.engagement,
    p.eventContact,
    p.eventName,
    p.eventTs,
    p.eventAmount,
  ];
  return typed.reduce((n, a) => n + a.byteLength, 0) + 8 * (p.plan.length + p.country.length);
}
