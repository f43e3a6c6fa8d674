import { lazy, Suspense, useId, useState } from "react";
import { useApi } from "../api/api-context.ts";
import { useAsync } from "../use-async.ts";

const SizeChart = lazy(() => import("./size-chart.tsx"));
type Interval = "minute" | "hour" | "day";

/** Size over time, by minute, hour or day; refreshed when the size changes. */
export function SizeHistory({ segmentId, size }: { segmentId: string; size: number }) {
  const api = useApi();
  const [interval, setInterval] = useState<Interval>("hour");
  const history = useAsync(() => api.history(segmentId, interval), [api, segmentId, interval, size]);
  const id = useId();
  const points = history.data ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h2 id={`${id}-title`}>Size over time</h2>
        <label className="inline-label">
          by
          <select value={interval} onChange={(e) => setInterval(e.target.value as Interval)}>
            <option value="minute">minute</option>
            <option value="hour">hour</option>
            <option value="day">day</option>
          </select>
        </label>
      </div>
      <div
        className="chart"
        role="img"
        aria-label={`Members by ${interval}: ${points.length > 0 ? `${points[0].size} to ${points[points.length - 1].size}` : "no data"}`}
      >
        <Suspense fallback={<p className="muted">Loading chart…</p>}>
          {points.length > 0 && <SizeChart points={points} />}
        </Suspense>
      </div>
    </section>
  );
}
