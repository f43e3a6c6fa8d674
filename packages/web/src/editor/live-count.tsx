import type { LiveCount } from "./use-live-count.ts";

const fmt = (n: number) => n.toLocaleString("en-US");

/** The count as it follows the edits; "≈" when the server says it is an estimate. */
export function LiveCountPanel({ count, valid }: { count: LiveCount; valid: boolean }) {
  const preview = count.state === "done" ? count.preview : count.state === "loading" ? count.last : undefined;
  return (
    <section className="card live-count" aria-label="Live count">
      <h2>Matching contacts</h2>
      <p
        className="big-number"
        aria-live="polite"
        aria-busy={count.state === "loading"}
        data-testid="live-count"
      >
        {!valid ? (
          <span className="muted">—</span>
        ) : preview === undefined ? (
          <span className="muted">…</span>
        ) : (
          <>
            {preview.exact ? "" : "≈"}
            <span data-testid="live-count-value">{fmt(preview.count)}</span>
          </>
        )}
      </p>
      {preview !== undefined && valid && <p className="muted small">of {fmt(preview.total)} contacts</p>}
      {!valid && <p className="muted small">Fix the highlighted problems to see the count.</p>}
      {count.state === "done" && count.edit !== undefined && (
        <p data-testid="edit-effect">
          This edit adds <strong>{fmt(count.edit.entering)}</strong>, removes{" "}
          <strong>{fmt(count.edit.exiting)}</strong>
        </p>
      )}
      {count.state === "error" && (
        <p className="error" role="alert">
          {count.message}
        </p>
      )}
    </section>
  );
}
