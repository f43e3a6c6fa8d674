import { useEffect, useState } from "react";
import { useApi } from "../api/api-context.ts";
import { followChanges } from "../api/change-stream.ts";
import type { Change } from "../api/types.ts";

const KEEP = 50;

/** Entries and exits as they happen, over the server's event stream. */
export function LiveChanges({ segmentId, onChange }: { segmentId: string; onChange: (c: Change) => void }) {
  const api = useApi();
  const [changes, setChanges] = useState<Change[]>([]);
  const [connected, setConnected] = useState(false);

  useEffect(
    () =>
      followChanges(
        api.authHeader,
        [segmentId],
        (c) => {
          setChanges((list) => [c, ...list].slice(0, KEEP));
          onChange(c);
        },
        setConnected,
      ),
    [api, segmentId, onChange],
  );

  return (
    <section className="card" aria-labelledby="live-title">
      <div className="card-head">
        <h2 id="live-title">Live entries and exits</h2>
        <span className={`badge ${connected ? "live" : "paused"}`} data-testid="stream-state">
          {connected ? "connected" : "connecting…"}
        </span>
      </div>
      <div aria-live="polite">
        {changes.length === 0 ? (
          <p className="muted">No changes since this page opened.</p>
        ) : (
          <ul className="changes" data-testid="live-changes">
            {changes.map((c) => (
              <li key={c.seq}>
                <span className={`change ${c.change}`}>
                  {c.change === "entered" ? "▲ entered" : "▼ exited"}
                </span>{" "}
                <code>{c.contact_id}</code>{" "}
                <time dateTime={c.at}>{new Date(c.at).toLocaleTimeString("en-US")}</time>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
