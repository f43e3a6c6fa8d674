import { useEffect, useState } from "react";
import { useApi } from "../api/api-context.ts";
import type { HistoryPoint, Segment } from "../api/types.ts";
import { Sparkline } from "../components/sparkline.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { TemplateGallery } from "../components/template-gallery.tsx";
import { timeAgo } from "../components/time-ago.ts";
import { Link } from "../router.tsx";
import { useAsync } from "../use-async.ts";

const POLL_MS = 5000;

/** Every segment with its size, trend, status and freshness; the way in to create more. */
export function SegmentListPage() {
  const api = useApi();
  const segments = useAsync(() => api.segments(), [api]);
  const [creating, setCreating] = useState(false);

  // Sizes move on their own; computing segments finish. Keep the list current.
  useEffect(() => {
    const timer = setInterval(segments.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [segments.reload]);

  return (
    <section aria-labelledby="list-title">
      <div className="page-head">
        <h1 id="list-title">Segments</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New segment
        </button>
      </div>
      {segments.error && (
        <p className="error" role="alert">
          {segments.error.message}
        </p>
      )}
      {segments.data?.length === 0 && (
        <p className="card">No segments yet. Create one from scratch or from a template.</p>
      )}
      {segments.data && segments.data.length > 0 && (
        <div className="table-wrap">
          <table className="segments-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Last 30 days</th>
                <th scope="col">Status</th>
                <th scope="col">Freshness</th>
              </tr>
            </thead>
            <tbody>
              {segments.data.map((s) => (
                <SegmentRow key={s.id} segment={s} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && <TemplateGallery onClose={() => setCreating(false)} />}
    </section>
  );
}

function SegmentRow({ segment }: { segment: Segment }) {
  const api = useApi();
  const history = useAsync(() => api.history(segment.id), [api, segment.id, segment.size]);
  const lastChange = lastChangeAt(history.data ?? []);
  return (
    <tr>
      <th scope="row">
        <Link to={`/segments/${encodeURIComponent(segment.id)}`}>{segment.name}</Link>
        {segment.description && <div className="muted small">{segment.description}</div>}
      </th>
      <td className="num" data-testid={`size-${segment.id}`}>
        {segment.size.toLocaleString("en-US")}
      </td>
      <td>
        <Sparkline
          values={(history.data ?? []).map((p) => p.size)}
          label={`Size of ${segment.name} over 30 days`}
        />
      </td>
      <td>
        <StatusBadge segment={segment} />
      </td>
      <td className="small">
        {segment.status === "paused"
          ? `frozen since ${timeAgo(segment.updated_at)}`
          : segment.status === "computing"
            ? "computing members…"
            : `up to date${lastChange ? `, ${changedOn(lastChange)}` : ""}`}
        <div className="muted">rule edited {timeAgo(segment.updated_at)}</div>
      </td>
    </tr>
  );
}

/** History comes by day: the day of the last change is all it can tell. */
function changedOn(dayStart: string): string {
  const day = new Date(dayStart);
  const today = new Date();
  if (day.toISOString().slice(0, 10) === today.toISOString().slice(0, 10)) {
    return "members changed today";
  }
  return `last change on ${day.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" })}`;
}

/** The start of the latest interval with an entry or exit. */
function lastChangeAt(points: HistoryPoint[]): string | undefined {
  for (let i = points.length - 1; i >= 0; i--) {
    if (points[i].entered + points[i].exited > 0) return points[i].at;
  }
  return undefined;
}
