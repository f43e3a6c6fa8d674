import type { Segment } from "../api/types.ts";

/** Live, paused, or still computing its first membership, with how far it has got. */
export function StatusBadge({ segment }: { segment: Pick<Segment, "status" | "progress"> }) {
  const { status, progress } = segment;
  if (status === "computing") {
    const known = progress !== undefined && progress.total > 0;
    const percent = known ? Math.min(100, Math.floor((progress.read / progress.total) * 100)) : undefined;
    return (
      <span className="badge computing">
        <progress aria-label="Computing membership" max={100} value={percent} />
        computing{percent === undefined ? "" : ` ${percent}%`}
      </span>
    );
  }
  return <span className={`badge ${status}`}>{status}</span>;
}
