import { useCallback, useEffect, useState } from "react";
import { useApi } from "../api/api-context.ts";
import type { Segment } from "../api/types.ts";
import { StatusBadge } from "../components/status-badge.tsx";
import { timeAgo } from "../components/time-ago.ts";
import { Link, navigate } from "../router.tsx";
import { ExplainPanel } from "../segment/explain-panel.tsx";
import { LiveChanges } from "../segment/live-changes.tsx";
import { MembersTable } from "../segment/members-table.tsx";
import { SizeHistory } from "../segment/size-history.tsx";
import { UsedBy } from "../segment/used-by.tsx";
import { useAsync } from "../use-async.ts";

/** One segment: its size and trend, members, live changes, explain, export and who uses it. */
export default function SegmentPage({ segmentId }: { segmentId: string }) {
  const api = useApi();
  const segment = useAsync(() => api.segment(segmentId), [api, segmentId]);
  const [explaining, setExplaining] = useState<string>();
  const [error, setError] = useState("");
  const reload = segment.reload;
  const onChange = useCallback(() => reload(), [reload]);
  const computing = segment.data?.status === "computing";
  // A segment still computing its first members says so; look again until it is live.
  useEffect(() => {
    if (!computing) return;
    const timer = setInterval(reload, 2000);
    return () => clearInterval(timer);
  }, [computing, reload]);

  if (segment.error)
    return (
      <p className="error" role="alert">
        {segment.error.message}
      </p>
    );
  const s = segment.data;
  if (s === undefined) return <p className="muted">Loading…</p>;

  async function act(fn: () => Promise<unknown>) {
    setError("");
    try {
      await fn();
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <article aria-labelledby="segment-title" className="segment-page">
      <div className="page-head">
        <div>
          <h1 id="segment-title">{s.name}</h1>
          {s.description && <p className="muted">{s.description}</p>}
        </div>
        <div className="actions">
          <Link to={`/segments/${encodeURIComponent(s.id)}/edit`} className="button">
            Edit rule
          </Link>
          <button type="button" onClick={() => act(() => api.setPaused(s.id, s.status !== "paused"))}>
            {s.status === "paused" ? "Resume" : "Pause"}
          </button>
          <button type="button" onClick={() => act(() => exportCsv(api.membersCsv.bind(api), s))}>
            Export CSV
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(`Delete the segment “${s.name}”?`))
                void act(() => api.deleteSegment(s.id).then(() => navigate("/")));
            }}
          >
            Delete
          </button>
        </div>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="stats">
        <div className="card stat">
          <span className="muted small">Members</span>
          <span className="big-number" data-testid="segment-size">
            {s.size.toLocaleString("en-US")}
          </span>
        </div>
        <div className="card stat">
          <span className="muted small">Status</span>
          <StatusBadge segment={s} />
        </div>
        <div className="card stat">
          <span className="muted small">Rule edited</span>
          <span>
            {timeAgo(s.updated_at)} (version {s.version})
          </span>
        </div>
      </div>
      <div className="segment-grid">
        <div className="main-column">
          <SizeHistory segmentId={s.id} size={s.size} />
          {explaining !== undefined && (
            <ExplainPanel segmentId={s.id} contactId={explaining} onClose={() => setExplaining(undefined)} />
          )}
          <MembersTable segmentId={s.id} size={s.size} onExplain={setExplaining} />
        </div>
        <div className="side">
          <LiveChanges segmentId={s.id} onChange={onChange} />
          <UsedBy segmentId={s.id} />
        </div>
      </div>
    </article>
  );
}

async function exportCsv(fetchCsv: (id: string) => Promise<Blob>, s: Segment): Promise<void> {
  const url = URL.createObjectURL(await fetchCsv(s.id));
  const a = document.createElement("a");
  a.href = url;
  a.download = `${s.id}-members.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
