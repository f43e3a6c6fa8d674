import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Store } from "../../store/store.ts";
import { workspaceOf } from "../auth/principal.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import { csvRow } from "./csv-cell.ts";
import { SegmentParams } from "./segment-schemas.ts";

const CSV_PAGE = 1000;
/** A streamed body: fastify sends streams as they are (no serializer runs on them). */
const CsvStream = z.custom<Readable>((v) => v instanceof Readable).meta({ type: "string" });

/**
 * `GET /v1/segments/{id}/members.csv`: every member, streamed a page at a time in contact-id
 * order (keyset pages: a member present throughout the export appears once).
 */
export function membersCsvRoute(root: FastifyInstance, deps: RouteDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/segments/:id/members.csv",
    {
      schema: {
        tags: ["segments"],
        security: KEY_SECURITY,
        summary: "Export the members as CSV (contact_id, since), formula-safe",
        params: SegmentParams,
        produces: ["text/csv"],
        response: {
          200: {
            description: "RFC 4180 CSV with a header row",
            content: { "text/csv": { schema: CsvStream } },
          },
          ...PROBLEM_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const segment = workspaceOf(request).getSegment(request.params.id);
      const file = `${segment.id.replace(/[^A-Za-z0-9_-]/g, "_")}-members.csv`;
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${file}"`)
        .send(Readable.from(csvLines(deps.store, segment.workspaceId, segment.id)));
    },
  );
}

async function* csvLines(store: Store, ws: string, segmentId: string): AsyncIterable<string> {
  yield csvRow(["contact_id", "since"]);
  let after: string | undefined;
  do {
    const page = await store.members(ws, segmentId, CSV_PAGE, after);
    yield page.data.map((m) => csvRow([m.contactId, new Date(m.since).toISOString()])).join("");
    after = page.next ?? undefined;
  } while (after !== undefined);
}
