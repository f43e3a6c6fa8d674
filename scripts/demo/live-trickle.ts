import { createRng } from "../../bench/data/prng.ts";
import { drawEvent, NPS, PLANS } from "../../bench/data/vocabulary.ts";
import type { IngestMessage, SegmentsClient } from "../../packages/client/src/index.ts";

/**
 * Keeps the demo workspace moving while it runs: every second, `perSecond` new messages for
 * random contacts (mostly events, some plan changes and NPS answers), so segments gain and lose
 * members on the dashboard and the stream. Returns the function that stops it.
 */
export function startTrickle(
  client: SegmentsClient,
  options: { contacts: number; perSecond: number; onError: (error: unknown) => void },
): () => void {
  const rng = createRng(Date.now() >>> 0);
  const message = (): IngestMessage => {
    const userId = `user_${rng.int(0, options.contacts - 1)}`;
    const x = rng.next();
    if (x < 0.85) return { type: "track", userId, ...drawEvent(rng) };
    if (x < 0.95) return { type: "identify", userId, traits: { plan: PLANS.draw(rng) } };
    return { type: "score", userId, score: "nps", value: NPS.draw(rng) };
  };
  const timer = setInterval(() => {
    const batch = Array.from({ length: options.perSecond }, message);
    client.batch(batch).catch(options.onError);
  }, 1000);
  return () => clearInterval(timer);
}
