import type { DashboardServer } from "./dashboard-server.ts";

const DAY = 86_400_000;

/**
 * Contacts for "signed up in the last 7 days AND completed onboarding AND NPS >= 8":
 * alice and erin match; bob's NPS is low, carol signed up too long ago, dave has not onboarded.
 */
export async function seedContacts(s: DashboardServer): Promise<void> {
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY).toISOString();
  const people = [
    { id: "alice", signup: 2, onboarded: true, nps: 9, plan: "pro" },
    { id: "bob", signup: 3, onboarded: true, nps: 5, plan: "free" },
    { id: "carol", signup: 20, onboarded: true, nps: 10, plan: "team" },
    { id: "dave", signup: 1, onboarded: false, nps: 9, plan: "pro" },
    { id: "erin", signup: 1, onboarded: true, nps: 8, plan: "free" },
  ];
  const batch = people.flatMap((p) => [
    { type: "identify", userId: p.id, traits: { signup_date: ago(p.signup), plan: p.plan } },
    { type: "score", userId: p.id, score: "nps", value: p.nps },
    ...(p.onboarded ? [{ type: "track", userId: p.id, event: "onboarding_completed" }] : []),
    { type: "track", userId: p.id, event: "session_started", properties: { device: "web" } },
  ]);
  await s.api("POST", "/v1/batch", { batch });
}

/** The rule the e2e test builds by hand, as the API should receive it. */
export const PROMOTERS_RULE = {
  type: "group",
  combinator: "and",
  children: [
    { type: "property", property: "signup_date", operator: "within_last", value: { amount: 7, unit: "day" } },
    { type: "event", event: "onboarding_completed", operator: "gte", value: 1 },
    { type: "score", score: "nps", operator: "gte", value: 8 },
  ],
};

/** The promoters rule plus a nested "plan is pro OR (plan is team AND NOT a session on mobile)". */
export function nestedRule() {
  return {
    ...PROMOTERS_RULE,
    children: [
      ...PROMOTERS_RULE.children,
      {
        type: "group",
        combinator: "or",
        children: [
          { type: "property", property: "plan", operator: "in", value: ["pro", "free"] },
          {
            type: "group",
            combinator: "and",
            negate: true,
            children: [
              {
                type: "event",
                event: "session_started",
                where: [{ property: "device", operator: "eq", value: "mobile" }],
                operator: "gte",
                value: 1,
              },
            ],
          },
        ],
      },
    ],
  };
}
