/**
 * `npm start` for now: a first look at live segments without any service. Generates a realistic
 * set of contacts, creates one segment per template, evaluates every contact and prints who is in
 * each segment, then explains one membership. The HTTP API replaces this as the start command.
 */

import { generateContacts } from "../bench/data/contact-generator.ts";
import { contactMessages } from "../bench/data/contact-messages.ts";
import { type ContactState, type ExplainNode, SegmentEngine, TEMPLATES } from "../packages/core/src/index.ts";

const CONTACTS = Number(process.env.DEMO_CONTACTS ?? 5_000);
const now = Date.now();

const segments = TEMPLATES.map((t) => ({ id: t.id, rule: t.build() }));
const engine = new SegmentEngine("demo", segments);
const states: ContactState[] = [];
const started = performance.now();
let messages = 0;
for (const contact of generateContacts(CONTACTS, { seed: 7, now, meanEvents: 20 })) {
  const state = engine.createState(contact.id);
  for (const m of contactMessages(contact)) {
    engine.apply(state, m);
    messages++;
  }
  states.push(state);
}
const loaded = performance.now() - started;

console.log(
  `GrowthOS Segments demo: ${CONTACTS.toLocaleString()} contacts, ${messages.toLocaleString()} messages applied in ${loaded.toFixed(0)} ms\n`,
);
console.log(`${"segment".padEnd(28)} ${"members".padStart(8)}  next change   sample`);
for (const t of TEMPLATES) {
  const members = states.filter((s) => engine.test(t.id, s, now));
  const nexts = states.map((s) => engine.evaluate(t.id, s, now).next).filter((n): n is number => n !== null);
  const soonest = nexts.length === 0 ? "never" : `in ${((Math.min(...nexts) - now) / 60_000).toFixed(0)} min`;
  const sample = members
    .slice(0, 3)
    .map((s) => s.id)
    .join(", ");
  console.log(
    `${t.name.slice(0, 28).padEnd(28)} ${String(members.length).padStart(8)}  ${soonest.padEnd(12)}  ${sample}`,
  );
}

const promoter = states.find((s) => engine.test("new_engaged_promoters", s, now)) ?? states[0];
console.log(
  `\nWhy is ${promoter.id} ${engine.test("new_engaged_promoters", promoter, now) ? "in" : "not in"} "new engaged promoters"?`,
);
printExplain(engine.explain("new_engaged_promoters", promoter, now), "  ");

function printExplain(n: ExplainNode, indent: string): void {
  const mark = n.result ? "✓" : "✗";
  if (n.type === "group") {
    console.log(`${indent}${mark} ${n.negate ? "NOT " : ""}${n.combinator.toUpperCase()}`);
    for (const c of n.children) printExplain(c, `${indent}  `);
    return;
  }
  const c = n.condition as unknown as Record<string, unknown>;
  const subject = c.property ?? c.score ?? c.event ?? c.segment ?? c.list ?? c.salt ?? "steps";
  const value = c.value === undefined ? "" : ` ${JSON.stringify(c.value)}`;
  console.log(
    `${indent}${mark} ${n.type} ${String(subject)} ${String(c.operator ?? "")}${value} (saw ${JSON.stringify(n.observed)})`,
  );
}
