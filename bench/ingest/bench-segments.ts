import type { Group } from "../../packages/core/src/schema/rule.ts";
import { EVENT_NAMES } from "../data/vocabulary.ts";
import {
  and,
  events,
  eventTime,
  prop,
  score,
  segment,
  sequence,
  span,
  whereEq,
  whereIn,
} from "./rule-builders.ts";

/** What a segment mainly reads: the table and the docs group segments by it. */
export type SegmentKind = "property" | "score" | "event" | "event_time" | "sequence" | "segment" | "timer";

export interface BenchSegment {
  id: string;
  name: string;
  kind: SegmentKind;
  rule: Group;
}

/** The event of the timer wave: every contact does it once, at nearly the same instant. */
export const WAVE_EVENT = "webinar.joined";
export const WAVE_SEGMENT_ID = "live-webinar-attendees";
/** `within_last 1 minute`: a member's exit falls due one minute (+1 ms) after its event. */
export const WAVE_WINDOW_MS = 60_000;

const seg = (id: string, name: string, kind: SegmentKind, ...children: Group["children"]): BenchSegment => ({
  id,
  name,
  kind,
  rule: and(...children),
});

const EU = [
  "DE",
  "FR",
  "NL",
  "ES",
  "IT",
  "SE",
  "PL",
  "BE",
  "IE",
  "DK",
  "FI",
  "AT",
  "PT",
  "CZ",
  "HU",
  "GR",
  "RO",
  "EE",
];

const PROPERTY: BenchSegment[] = [
  seg("free-plan", "Free plan", "property", prop({ property: "plan", operator: "eq", value: "free" })),
  seg(
    "paid-plans",
    "Paying customers",
    "property",
    prop({ property: "plan", operator: "in", value: ["pro", "team", "enterprise"] }),
  ),
  seg(
    "enterprise-accounts",
    "Enterprise accounts",
    "property",
    prop({ property: "plan", operator: "eq", value: "enterprise" }),
  ),
  ...["US", "GB", "DE", "IN", "FR"].map((c) =>
    seg(
      `country-${c.toLowerCase()}`,
      `Contacts in ${c}`,
      "property",
      prop({ property: "country", operator: "eq", value: c }),
    ),
  ),
  seg(
    "eu-contacts",
    "Contacts in the EU",
    "property",
    prop({ property: "country", operator: "in", value: EU }),
  ),
  ...["engineer", "founder", "product", "marketing"].map((r) =>
    seg(`role-${r}`, `Role: ${r}`, "property", prop({ property: "role", operator: "eq", value: r })),
  ),
  seg(
    "smb-companies",
    "Companies of 10-250",
    "property",
    prop({ property: "company_size", operator: "between", value: [10, 250] }),
  ),
  seg(
    "large-companies",
    "Companies of 1,000+",
    "property",
    prop({ property: "company_size", operator: "gte", value: 1000 }),
  ),
  seg(
    "new-signups-7d",
    "Signed up this week",
    "property",
    prop({ property: "signup_date", operator: "within_last", value: span(7) }),
  ),
  seg(
    "new-signups-30d",
    "Signed up this month",
    "property",
    prop({ property: "signup_date", operator: "within_last", value: span(30) }),
  ),
  seg(
    "veterans",
    "Signed up over a year ago",
    "property",
    prop({ property: "signup_date", operator: "more_than_ago", value: span(365) }),
  ),
  seg(
    "referrers",
    "Referred someone",
    "property",
    prop({ property: "referrals.count", operator: "gte", value: 1 }),
  ),
  seg(
    "in-active-drip",
    "In an active drip",
    "property",
    prop({ property: "sequences.active", operator: "is_true" }),
  ),
  seg("drip-paused", "Drip paused", "property", prop({ property: "sequences.active", operator: "is_false" })),
  seg("students", "Students", "property", prop({ property: "role", operator: "eq", value: "student" })),
  seg(
    "growth-teams",
    "Growth and marketing at 50+ companies",
    "property",
    prop({ property: "role", operator: "in", value: ["growth", "marketing"] }),
    prop({ property: "company_size", operator: "gte", value: 50 }),
  ),
];

const SCORE: BenchSegment[] = [
  seg("promoters", "Promoters (NPS 9-10)", "score", score({ score: "nps", operator: "gte", value: 9 })),
  seg("passives", "Passives (NPS 7-8)", "score", score({ score: "nps", operator: "between", value: [7, 8] })),
  seg("detractors", "Detractors (NPS 0-6)", "score", score({ score: "nps", operator: "lte", value: 6 })),
  seg("no-nps-answer", "Never answered NPS", "score", score({ score: "nps", operator: "not_exists" })),
  seg(
    "highly-engaged",
    "Engagement 80+",
    "score",
    score({ score: "engagement", operator: "gte", value: 80 }),
  ),
  seg(
    "low-engagement",
    "Engagement under 20",
    "score",
    score({ score: "engagement", operator: "lt", value: 20 }),
  ),
  seg(
    "mid-engagement",
    "Engagement 40-79",
    "score",
    score({ score: "engagement", operator: "between", value: [40, 79] }),
  ),
  seg(
    "free-promoters",
    "Free-plan promoters",
    "score",
    prop({ property: "plan", operator: "eq", value: "free" }),
    score({ score: "nps", operator: "gte", value: 9 }),
  ),
  seg(
    "paid-detractors",
    "Paying detractors",
    "score",
    prop({ property: "plan", operator: "in", value: ["pro", "team", "enterprise"] }),
    score({ score: "nps", operator: "lte", value: 6 }),
  ),
  seg(
    "engaged-founders",
    "Engaged founders",
    "score",
    prop({ property: "role", operator: "eq", value: "founder" }),
    score({ score: "engagement", operator: "gte", value: 60 }),
  ),
  seg(
    "disengaged-detractors",
    "Detractors with low engagement",
    "score",
    score({ score: "nps", operator: "lte", value: 6 }),
    score({ score: "engagement", operator: "lt", value: 40 }),
  ),
  seg(
    "engaged-pro",
    "Engaged pro users",
    "score",
    prop({ property: "plan", operator: "eq", value: "pro" }),
    score({ score: "engagement", operator: "gte", value: 70 }),
  ),
];

/** Count thresholds per event for "did it N+ times in 7 / 30 days", scaled to how often it happens. */
const EVENT_THRESHOLDS: Readonly<Record<string, [number, number]>> = {
  session_started: [3, 8],
  page_viewed: [2, 5],
  feature_used: [2, 4],
  "broadcast.opened": [1, 2],
  "nudge.dismissed": [1, 3],
  viewed_pricing_page: [1, 2],
  invite_sent: [1, 1],
  onboarding_completed: [1, 1],
  started_checkout: [1, 1],
  purchase: [1, 1],
};

const slug = (event: string) => event.replaceAll(/[._]/g, "-");

const EVENT: BenchSegment[] = [
  ...EVENT_NAMES.flatMap((event) => {
    const [week, month] = EVENT_THRESHOLDS[event];
    return [
      seg(
        `${slug(event)}-${week}x-7d`,
        `${event} ${week}+ times in 7 days`,
        "event",
        events(event, { operator: "gte", value: week }, span(7)),
      ),
      seg(
        `${slug(event)}-${month}x-30d`,
        `${event} ${month}+ times in 30 days`,
        "event",
        events(event, { operator: "gte", value: month }, span(30)),
      ),
    ];
  }),
  seg(
    "segments-feature-users",
    "Used segments this month",
    "event",
    events("feature_used", { operator: "gte", value: 1 }, span(30), {
      where: [whereEq("feature", "segments")],
    }),
  ),
  seg(
    "broadcasts-feature-users",
    "Used broadcasts this month",
    "event",
    events("feature_used", { operator: "gte", value: 1 }, span(30), {
      where: [whereEq("feature", "broadcasts")],
    }),
  ),
  seg(
    "docs-readers",
    "Read the docs twice in 14 days",
    "event",
    events("page_viewed", { operator: "gte", value: 2 }, span(14), { where: [whereEq("path", "/docs")] }),
  ),
  seg(
    "mobile-users",
    "Mobile sessions this month",
    "event",
    events("session_started", { operator: "gte", value: 1 }, span(30), {
      where: [whereIn("device", ["ios", "android"])],
    }),
  ),
  seg(
    "high-value-buyers-90d",
    "Spent 500+ in 90 days",
    "event",
    events("purchase", { operator: "gte", value: 500 }, span(90), { sumOf: "amount" }),
  ),
  seg(
    "spent-100-30d",
    "Spent 100+ in 30 days",
    "event",
    events("purchase", { operator: "gte", value: 100 }, span(30), { sumOf: "amount" }),
  ),
  seg(
    "non-buyers-90d",
    "No purchase in 90 days",
    "event",
    events("purchase", { operator: "eq", value: 0 }, span(90)),
  ),
  seg(
    "nudge-fatigued",
    "Dismissed 3+ nudges in 30 days",
    "event",
    events("nudge.dismissed", { operator: "gte", value: 3 }, span(30)),
  ),
  seg(
    "broadcast-ignorers",
    "Opened no broadcast in 30 days",
    "event",
    events("broadcast.opened", { operator: "eq", value: 0 }, span(30)),
  ),
  seg(
    "light-users",
    "1-2 sessions in 30 days",
    "event",
    events("session_started", { operator: "between", value: [1, 2] }, span(30)),
  ),
  seg(
    "pricing-page-repeaters",
    "Pricing page 3+ times in 14 days",
    "event",
    events("viewed_pricing_page", { operator: "gte", value: 3 }, span(14)),
  ),
  seg(
    "active-last-hour",
    "Session in the last hour",
    "event",
    events("session_started", { operator: "gte", value: 1 }, span(1, "hour")),
  ),
];

const EVENT_TIME: BenchSegment[] = [
  seg(
    "dormant-14d",
    "No session for 14 days",
    "event_time",
    eventTime("session_started", "last", "more_than_ago", span(14)),
  ),
  seg(
    "dormant-30d",
    "No session for 30 days",
    "event_time",
    eventTime("session_started", "last", "more_than_ago", span(30)),
  ),
  seg(
    "active-today",
    "Session in the last day",
    "event_time",
    eventTime("session_started", "last", "within_last", span(1)),
  ),
  seg(
    "recent-buyers",
    "Bought in the last 30 days",
    "event_time",
    eventTime("purchase", "last", "within_last", span(30)),
  ),
  seg(
    "first-purchase-14d",
    "First purchase in 14 days",
    "event_time",
    eventTime("purchase", "first", "within_last", span(14)),
  ),
  seg(
    "recently-onboarded",
    "Onboarded this week",
    "event_time",
    eventTime("onboarding_completed", "first", "within_last", span(7)),
  ),
  seg(
    "pricing-viewed-3d",
    "Saw pricing in 3 days",
    "event_time",
    eventTime("viewed_pricing_page", "last", "within_last", span(3)),
  ),
  seg(
    "lapsed-buyers",
    "Last purchase 60+ days ago",
    "event_time",
    eventTime("purchase", "last", "more_than_ago", span(60)),
  ),
  seg(
    "recent-inviters",
    "Invited someone this week",
    "event_time",
    eventTime("invite_sent", "last", "within_last", span(7)),
  ),
  seg(
    "stale-readers",
    "Last broadcast opened 30+ days ago",
    "event_time",
    eventTime("broadcast.opened", "last", "more_than_ago", span(30)),
  ),
];

const SEQUENCE: BenchSegment[] = [
  seg(
    "pricing-then-checkout",
    "Pricing then checkout within a day",
    "sequence",
    sequence(["viewed_pricing_page", "started_checkout"], span(1), { window: span(30) }),
  ),
  seg(
    "checkout-then-purchase",
    "Checkout then purchase within a day",
    "sequence",
    sequence(["started_checkout", "purchase"], span(1), { window: span(30) }),
  ),
  seg(
    "cart-abandoners",
    "Cart abandoners this week",
    "sequence",
    sequence(["viewed_pricing_page", "started_checkout"], span(1), { window: span(7) }),
    events("purchase", { operator: "eq", value: 0 }, span(7)),
  ),
  seg(
    "onboarded-then-invited",
    "Invited within a week of onboarding",
    "sequence",
    sequence(["onboarding_completed", "invite_sent"], span(7)),
  ),
  seg(
    "opened-then-bought",
    "Bought within 2 days of a broadcast",
    "sequence",
    sequence(["broadcast.opened", "purchase"], span(2), { window: span(30) }),
  ),
  seg(
    "nudge-then-pricing",
    "Pricing within a day of a nudge",
    "sequence",
    sequence(["nudge.dismissed", "viewed_pricing_page"], span(1), { window: span(30) }),
  ),
  seg(
    "three-step-funnel",
    "Session, pricing, checkout in a day",
    "sequence",
    sequence(["session_started", "viewed_pricing_page", "started_checkout"], span(1), { window: span(30) }),
  ),
  seg(
    "docs-then-feature",
    "Feature within an hour of the docs",
    "sequence",
    sequence([{ event: "page_viewed", where: [whereEq("path", "/docs")] }, "feature_used"], span(1, "hour"), {
      window: span(30),
    }),
  ),
  seg(
    "free-never-checked-out",
    "Free, no pricing-to-checkout in 30 days",
    "sequence",
    prop({ property: "plan", operator: "eq", value: "free" }),
    sequence(["viewed_pricing_page", "started_checkout"], span(7), { window: span(30), negate: true }),
  ),
  seg(
    "feature-then-invite",
    "Invite within a day of using a feature",
    "sequence",
    sequence(["feature_used", "invite_sent"], span(1), { window: span(14) }),
  ),
];

const REFERENCE: BenchSegment[] = [
  seg(
    "engaged-free-users",
    "Free and not dormant",
    "segment",
    segment("free-plan"),
    segment("dormant-14d", "not_in"),
  ),
  seg(
    "paid-and-active",
    "Paying and active this week",
    "segment",
    segment("paid-plans"),
    segment("session-started-3x-7d"),
  ),
  seg(
    "upsell-candidates",
    "Free, saw pricing, engaged",
    "segment",
    segment("free-plan"),
    segment("pricing-viewed-3d"),
    segment("highly-engaged"),
  ),
  seg("churn-risk", "Paying, dormant 14 days", "segment", segment("paid-plans"), segment("dormant-14d")),
  seg("advocates", "Promoters who refer", "segment", segment("promoters"), segment("referrers")),
  seg(
    "win-back",
    "Lapsed buyers not in a drip",
    "segment",
    segment("lapsed-buyers"),
    segment("in-active-drip", "not_in"),
  ),
  seg(
    "review-prompt",
    "Promoters active today",
    "segment",
    segment("promoters"),
    segment("active-today"),
    segment("nudge-fatigued", "not_in"),
  ),
  seg(
    "enterprise-prospects",
    "Large companies on free or pro",
    "segment",
    segment("large-companies"),
    segment("enterprise-accounts", "not_in"),
    segment("paid-detractors", "not_in"),
  ),
  seg(
    "onboarding-nudge",
    "New this week, not onboarded",
    "segment",
    segment("new-signups-7d"),
    segment("recently-onboarded", "not_in"),
  ),
  seg("eu-paid", "Paying customers in the EU", "segment", segment("eu-contacts"), segment("paid-plans")),
  seg(
    "us-free-engaged",
    "Engaged free users in the US",
    "segment",
    segment("engaged-free-users"),
    segment("country-us"),
  ),
  seg(
    "detractor-outreach",
    "Detractors not already contacted",
    "segment",
    segment("detractors"),
    segment("broadcast-ignorers", "not_in"),
  ),
];

/** `event webinar.joined within_last 1 minute`: the segment whose exits make the timer wave. */
export const WAVE_SEGMENT: BenchSegment = seg(
  WAVE_SEGMENT_ID,
  "Joined the live webinar (last minute)",
  "timer",
  events(WAVE_EVENT, { operator: "gte", value: 1 }, span(1, "minute")),
);

/** 99 segments plus the timer-wave one: 100, in an order where references come after their targets. */
export const ALL_SEGMENTS: readonly BenchSegment[] = [
  ...PROPERTY,
  ...SCORE,
  ...EVENT,
  ...EVENT_TIME,
  ...SEQUENCE,
  ...REFERENCE,
  WAVE_SEGMENT,
];

/** The small size's 10: one or two of every kind, references only to segments in the set. */
const SMALL_IDS = [
  "free-plan",
  "new-signups-7d",
  "promoters",
  "session-started-3x-7d",
  "high-value-buyers-90d",
  "mobile-users",
  "dormant-14d",
  "pricing-then-checkout",
  "engaged-free-users",
  WAVE_SEGMENT_ID,
];

/** The benchmark's segments: all 100, or the small size's 10. */
export function benchSegments(count: "all" | "small"): BenchSegment[] {
  const chosen = count === "all" ? [...ALL_SEGMENTS] : ALL_SEGMENTS.filter((s) => SMALL_IDS.includes(s.id));
  const ids = new Set(chosen.map((s) => s.id));
  if (ids.size !== chosen.length) throw new Error("duplicate segment ids in the benchmark catalogue");
  return chosen;
}
