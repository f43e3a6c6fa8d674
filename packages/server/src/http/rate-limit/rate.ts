/** A request budget: at most `max` calls per `windowMs` (fixed windows), per workspace. */
export interface Rate {
  max: number;
  windowMs: number;
}

/** The two budgets of each workspace; null: unlimited. */
export interface RateLimitSettings {
  /** Ingestion calls (identify, track, score, batch). */
  ingest: Rate | null;
  /** Every other `/v1` call: management, reads, audiences, the stream. */
  api: Rate | null;
}

const WINDOWS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  second: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
};

/**
 * Reads a rate as configured: `<n>/s` or `<n>/min` (`/second`, `/minute` too), or `off`.
 * @example parseRate("600/min") // { max: 600, windowMs: 60000 }
 */
export function parseRate(text: string): Rate | null {
  const t = text.trim().toLowerCase();
  if (t === "off" || t === "0") return null;
  const match = /^(\d{1,9})\s*\/\s*([a-z]+)$/.exec(t);
  const windowMs = match === null ? undefined : WINDOWS[match[2]];
  if (match === null || windowMs === undefined || Number(match[1]) < 1) {
    throw new Error(`not a rate: ${JSON.stringify(text)} (use e.g. 300/s, 6000/min or off)`);
  }
  return { max: Number(match[1]), windowMs };
}

/** Generous: meant to stop a runaway client, not to meter a well-behaved one. */
export const DEFAULT_RATES = { ingest: "1000/s", api: "300/s" } as const;
