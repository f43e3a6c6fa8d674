import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { ChangeRecord } from "../../store/records.ts";
import type { Store } from "../../store/store.ts";
import { workspaceOf } from "../auth/principal.ts";
import { HttpProblem } from "../errors/http-errors.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import { ChangePage, ChangesQuery, History, HistoryQuery } from "./log-schemas.ts";
import {
  INTERVALS,
  type Interval,
  intervalCount,
  intervalStarts,
  SegmentHistory,
} from "./segment-history.ts";
import { SegmentParams } from "./segment-schemas.ts";

const common = { tags: ["segments"], security: KEY_SECURITY, params: SegmentParams };
const DEFAULT_POINTS = 30;
const MAX_POINTS = 1000;
const LOG_PAGE = 5000;
const iso = (t: number) => new Date(t).toISOString();

/** A segment's change log, as pages and as a time series. */
export function logRoutes(root: FastifyInstance, deps: RouteDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/segments/:id/changes",
    {
      schema: {
        ...common,
        summary: "Entries and exits, ascending by seq",
        querystring: ChangesQuery,
        response: { 200: ChangePage, ...PROBLEM_RESPONSES },
      },
    },
    async (request): Promise<ChangePage> => {
      const segment = workspaceOf(request).getSegment(request.params.id);
      const { after, limit } = request.query;
      const rows = await deps.store.changes(segment.workspaceId, after, limit + 1, segment.id);
      const data = rows.slice(0, limit).map((c) => ({
        seq: c.seq,
        segment_id: c.segmentId,
        contact_id: c.contactId,
        change: c.change,
        at: iso(c.at),
        segment_version: c.segmentVersion,
      }));
      return { data, next_cursor: rows.length > limit ? data[data.length - 1].seq : null };
    },
  );

  app.get(
    "/segments/:id/history",
    {
      schema: {
        ...common,
        summary: "Size, entries and exits per minute, hour or day, from the change log",
        querystring: HistoryQuery,
        response: { 200: History, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      const segment = workspaceOf(request).getSegment(request.params.id);
      const { interval } = request.query;
      const { from, to } = historyRange(request.query, deps.clock.now());
      const history = new SegmentHistory(intervalStarts(from, to, interval), interval, to);
      for await (const c of segmentChanges(deps.store, segment.workspaceId, segment.id)) history.add(c);
      return { data: history.points().map((p) => ({ ...p, at: iso(p.at) })) };
    },
  );
}

/** The range asked for, with defaults; 400 (querystring paths) when it is empty or too long. */
function historyRange(q: { from?: number; to?: number; interval: Interval }, now: number) {
  const to = q.to ?? now;
  const from = q.from ?? to - DEFAULT_POINTS * INTERVALS[q.interval];
  const problem = (message: string) =>
    new HttpProblem("validation", `the request querystring is invalid: /from ${message}`, [
      { path: "/from", message, in: "querystring" },
    ]);
  if (from >= to) throw problem("must be before `to` (default: now)");
  if (intervalCount(from, to, q.interval) > MAX_POINTS) {
    throw problem(`asks for more than ${MAX_POINTS} intervals; narrow the range or widen the interval`);
  }
  return { from, to };
}

/** Every change of one segment, read a page at a time. Cost: the segment's whole log. */
async function* segmentChanges(store: Store, ws: string, segmentId: string): AsyncIterable<ChangeRecord> {
  let after = 0;
  for (;;) {
    const page = await store.changes(ws, after, LOG_PAGE, segmentId);
    yield* page;
    if (page.length < LOG_PAGE) return;
    after = page[page.length - 1].seq;
  }
}
