import { forEachCondition } from "@growthos/segments-core";
import { useApi } from "../api/api-context.ts";
import { Link } from "../router.tsx";
import { useAsync } from "../use-async.ts";

/**
 * Who depends on this segment: webhooks that deliver its changes to outreach modules, and
 * segments whose rules use it. Audience calls are not stored, so they cannot be listed.
 */
export function UsedBy({ segmentId }: { segmentId: string }) {
  const api = useApi();
  const used = useAsync(async () => {
    const [webhooks, segments] = await Promise.all([api.webhooks(), api.segments()]);
    return {
      webhooks: webhooks.filter((w) => w.segments === null || w.segments.includes(segmentId)),
      segments: segments.filter((s) => {
        let uses = false;
        forEachCondition(s.rule, (c) => {
          if (c.type === "segment" && c.segment === segmentId) uses = true;
        });
        return uses;
      }),
    };
  }, [api, segmentId]);
  const data = used.data;
  return (
    <section className="card" aria-labelledby="used-title">
      <h2 id="used-title">Targeted by</h2>
      {used.error && <p className="error">{used.error.message}</p>}
      {data && data.webhooks.length + data.segments.length === 0 && (
        <p className="muted">
          No webhook or segment uses it yet. Outreach modules can also read it through the audiences API.
        </p>
      )}
      {data && (
        <ul className="used-by">
          {data.webhooks.map((w) => (
            <li key={w.id}>
              Webhook <code>{w.url}</code> {w.segments === null ? "(every segment)" : ""} · {w.status}
            </li>
          ))}
          {data.segments.map((s) => (
            <li key={s.id}>
              Segment <Link to={`/segments/${encodeURIComponent(s.id)}`}>{s.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
