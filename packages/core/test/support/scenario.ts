import { expect, it } from "vitest";
import type { SegmentDefinition } from "../../src/dependencies/index.ts";
import { SegmentEngine } from "../../src/engine/segment-engine.ts";
import type { ContactMessage, SegmentMembership } from "../../src/model.ts";
import { foldMessages, referenceMemberships } from "../../src/reference/index.ts";
import type { Duration } from "../../src/schema/primitives.ts";
import { parseIsoDate } from "../../src/values/dates.ts";
import { durationMs } from "../../src/values/durations.ts";

/** An ISO 8601 string or epoch ms. */
export type TimeInput = string | number;
type Props = Record<string, unknown>;

/** A `ContactMessage` as written in a table: ISO times allowed, `timestamp` defaults to the scenario clock. */
export type MessageInput =
  | { type: "identify"; traits: Props; timestamp?: TimeInput }
  | { type: "track"; event: string; properties?: Props; timestamp?: TimeInput }
  | { type: "score"; score: string; value: number; timestamp?: TimeInput }
  | { type: "list"; list: string; member: boolean };

export type Step =
  | { ingest: { contact: string; message: MessageInput } }
  | { advance: Duration }
  | { at: string }
  /** The exact member set among the known contacts. */
  | { expect: { segment: string; members: string[] } }
  /** Not a member just before `at`, a member at `at` (or the reverse when `member` is false). */
  | { expectFlipAt: { segment: string; contact: string; at: string; member: boolean } };

export interface Scenario {
  name: string;
  workspaceId?: string;
  segments: SegmentDefinition[];
  /** Contacts that exist with no data. */
  contacts?: string[];
  start: string;
  steps: Step[];
}

type EngineState = ReturnType<SegmentEngine["createState"]>;
interface Contact {
  state: EngineState;
  messages: ContactMessage[];
  /** The engine's answer at the last check, unless data arrived since. */
  last?: { at: number; memberships: Map<string, SegmentMembership> };
}

/** Registers one vitest test per scenario. */
export function scenarioTests(scenarios: readonly Scenario[]): void {
  for (const s of scenarios) it(s.name, () => runScenario(s));
}

/**
 * Runs every step on the incremental `SegmentEngine` and on the reference interpreter (fold of
 * all messages so far) and checks, after each step, that they agree for every segment and contact,
 * that the engine's `next` is in the future, and that no membership changed before its `next`.
 */
export function runScenario(scenario: Scenario): void {
  const run = new ScenarioRun(scenario);
  scenario.steps.forEach((step, i) => {
    const label = `scenario "${scenario.name}", step ${i + 1} ${JSON.stringify(step)}`;
    run.step(step, label);
    run.checkAgreement(label);
  });
}

class ScenarioRun {
  private readonly engine: SegmentEngine;
  private readonly workspaceId: string;
  private readonly contacts = new Map<string, Contact>();
  private clock: number;

  constructor(private readonly scenario: Scenario) {
    this.workspaceId = scenario.workspaceId ?? "ws_test";
    this.engine = new SegmentEngine(this.workspaceId, scenario.segments);
    this.clock = toMs(scenario.start);
    for (const id of scenario.contacts ?? []) this.contact(id);
  }

  step(step: Step, label: string): void {
    const at = `${label} (clock ${new Date(this.clock).toISOString()})`;
    if ("ingest" in step) this.ingest(step.ingest.contact, step.ingest.message);
    else if ("advance" in step) this.clock += durationMs(step.advance);
    else if ("at" in step) this.moveTo(toMs(step.at), at);
    else if ("expect" in step) this.expectMembers(step.expect.segment, step.expect.members, at);
    else this.expectFlip(step.expectFlipAt, at);
  }

  checkAgreement(label: string): void {
    for (const [id, c] of this.contacts) {
      const engine = this.engine.evaluateAll(c.state, this.clock);
      const reference = this.reference(id, this.clock);
      for (const { id: seg } of this.scenario.segments) {
        const m = engine.get(seg);
        const where = `${label}: segment "${seg}", contact "${id}" at ${iso(this.clock)}`;
        expect(m, `${where}: engine has no answer`).toBeDefined();
        expect(m?.member, `${where}: engine disagrees with reference`).toBe(reference.get(seg));
        if (m?.next != null)
          expect(m.next, `${where}: engine next is not after now`).toBeGreaterThan(this.clock);
        const before = c.last?.memberships.get(seg);
        if (before !== undefined && (before.next === null || before.next > this.clock)) {
          const since = iso(c.last?.at ?? 0);
          expect(m?.member, `${where}: changed since ${since} although next was ${before.next}`).toBe(
            before.member,
          );
        }
      }
      c.last = { at: this.clock, memberships: engine };
    }
  }

  private ingest(id: string, input: MessageInput): void {
    const c = this.contact(id);
    const message = toMessage(input, this.clock);
    c.messages.push(message);
    this.engine.apply(c.state, message);
    c.last = undefined;
  }

  private moveTo(t: number, label: string): void {
    if (t < this.clock) throw new Error(`${label}: the clock never goes back (send late events instead)`);
    this.clock = t;
  }

  private expectMembers(segment: string, members: string[], label: string): void {
    this.knownSegment(segment, label);
    for (const id of members)
      if (!this.contacts.has(id)) throw new Error(`${label}: unknown contact "${id}"`);
    const engine = [...this.contacts].filter(
      ([, c]) => this.engine.evaluate(segment, c.state, this.clock).member,
    );
    const reference = [...this.contacts.keys()].filter((id) => this.reference(id, this.clock).get(segment));
    const want = [...members].sort();
    expect(engine.map(([id]) => id).sort(), `${label}: engine members of "${segment}"`).toEqual(want);
    expect(reference.sort(), `${label}: reference members of "${segment}"`).toEqual(want);
  }

  private expectFlip(
    flip: { segment: string; contact: string; at: string; member: boolean },
    label: string,
  ): void {
    this.knownSegment(flip.segment, label);
    const c = this.contacts.get(flip.contact);
    if (c === undefined) throw new Error(`${label}: unknown contact "${flip.contact}"`);
    const at = toMs(flip.at);
    if (at <= this.clock) throw new Error(`${label}: a flip is expected after the clock`);
    const next = this.engine.evaluate(flip.segment, c.state, this.clock).next;
    const shown = next === null ? "never" : iso(next);
    expect(
      next ?? Number.POSITIVE_INFINITY,
      `${label}: engine next at the clock is ${shown}`,
    ).toBeLessThanOrEqual(at);
    // Probe on a fresh replay so the main state only ever sees a clock that moves forward.
    const probe = this.replay(flip.contact);
    const justBefore = this.engine.evaluate(flip.segment, probe, at - 1);
    const atFlip = this.engine.evaluate(flip.segment, probe, at);
    expect(justBefore.member, `${label}: engine member at ${iso(at - 1)}`).toBe(!flip.member);
    expect(justBefore.next, `${label}: engine next at ${iso(at - 1)}`).toBe(at);
    expect(atFlip.member, `${label}: engine member at ${flip.at}`).toBe(flip.member);
    const refBefore = this.reference(flip.contact, at - 1).get(flip.segment);
    expect(refBefore, `${label}: reference member at ${iso(at - 1)}`).toBe(!flip.member);
    expect(
      this.reference(flip.contact, at).get(flip.segment),
      `${label}: reference member at ${flip.at}`,
    ).toBe(flip.member);
  }

  private contact(id: string): Contact {
    let c = this.contacts.get(id);
    if (c === undefined) {
      c = { state: this.engine.createState(id), messages: [] };
      this.contacts.set(id, c);
    }
    return c;
  }

  private replay(id: string): EngineState {
    const state = this.engine.createState(id);
    for (const m of this.contacts.get(id)?.messages ?? []) this.engine.apply(state, m);
    return state;
  }

  /** The reference's memberships for a contact: a fold of every message so far. */
  private reference(id: string, now: number): Map<string, boolean> {
    const snapshot = foldMessages(id, this.contacts.get(id)?.messages ?? []);
    return referenceMemberships(this.scenario.segments, snapshot, this.workspaceId, now);
  }

  private knownSegment(segment: string, label: string): void {
    if (!this.scenario.segments.some((s) => s.id === segment))
      throw new Error(`${label}: unknown segment "${segment}"`);
  }
}

function toMessage(input: MessageInput, clock: number): ContactMessage {
  if (input.type === "list") return input;
  const timestamp = input.timestamp === undefined ? clock : toMs(input.timestamp);
  if (input.type === "track") return { ...input, properties: input.properties ?? {}, timestamp };
  return { ...input, timestamp };
}

/**
 * Scenario time: an ISO 8601 string (UTC without an offset) or epoch ms.
 * @example toMs("2026-03-01T00:00:00Z") // 1772323200000
 */
export function toMs(t: TimeInput): number {
  const ms = typeof t === "number" ? t : parseIsoDate(t);
  if (ms === undefined) throw new Error(`not an ISO 8601 time: ${t}`);
  return ms;
}

function iso(t: number): string {
  return new Date(t).toISOString();
}
