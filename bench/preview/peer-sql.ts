import { DAY_MS } from "../data/contact-generator.ts";
import type { PreviewRule } from "./preview-rules.ts";

/**
 * The preview rules as an analyst would write them against the peers' tables
 * (`contacts`: one typed column per field; `events(contact, name, ts, amount)`, ts in epoch ms),
 * with "now" as a literal. Aggregates are GROUP BY subqueries joined to contacts; the selective
 * rule and the onboarding check read the events index per contact where the peer has one.
 * The text is the same for every peer unless `indexed` asks for the per-contact form.
 */
export function peerSql(id: PreviewRule["id"], now: number, indexed: boolean): string {
  const ago = (days: number) => now - days * DAY_MS;
  switch (id) {
    case "selective":
      return indexed
        ? `select count(*) from contacts c where c.plan = 'enterprise' and (select count(*) from events e
             where e.name = 'viewed_pricing_page' and e.contact = c.id and e.ts between ${ago(30)} and ${now}) >= 3`
        : `select count(*) from contacts c join (select contact from events
             where name = 'viewed_pricing_page' and ts between ${ago(30)} and ${now}
             group by contact having count(*) >= 3) v on v.contact = c.id where c.plan = 'enterprise'`;
    case "scan_heavy":
      return `select count(*) from contacts c
        left join (select contact,
            sum(case when ts between ${ago(30)} and ${now} then 1 else 0 end) as recent,
            max(ts) as last_ts
          from events where name = 'session_started' group by contact) s on s.contact = c.id
        left join (select contact, sum(amount) as total from events
          where name = 'purchase' and ts between ${ago(90)} and ${now} group by contact) p on p.contact = c.id
        where c.engagement >= 50
          and (coalesce(s.recent, 0) >= 5 or coalesce(p.total, 0) >= 100)
          and not coalesce(s.last_ts < ${ago(14)}, false)`;
    case "new_promoters":
      return `select count(*) from contacts c where c.signup_ms between ${ago(7)} and ${now} and c.nps >= 8
        and exists (select 1 from events e where e.name = 'onboarding_completed' and e.contact = c.id)`;
    case "free_referrers":
      return "select count(*) from contacts c where c.plan = 'free' and c.referrals_count >= 1";
    case "pro_not_in_drip":
      return "select count(*) from contacts c where c.plan = 'pro' and not coalesce(c.sequences_active, false)";
  }
}
