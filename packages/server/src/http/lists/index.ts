import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { NotFoundError } from "../../service/errors.ts";
import { workspaceOf } from "../auth/principal.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import { idsFromCsv } from "./csv-ids.ts";
import {
  CreateListBody,
  EditMembersBody,
  LIST_LIMITS,
  List,
  ListPage,
  ListParams,
  ReplaceMembersBody,
} from "./list-schemas.ts";
import { listView } from "./list-view.ts";

const common = { tags: ["lists"], security: KEY_SECURITY };
const one = { 200: List, ...PROBLEM_RESPONSES };

/** Static lists: definitions, and membership edits applied through the pipeline. */
export async function listRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  root.addContentTypeParser(
    "text/csv",
    { parseAs: "string" },
    async (_request: FastifyRequest, body: string | Buffer) => ({ ids: idsFromCsv(body.toString()) }),
  );
  const app = root.withTypeProvider<ZodTypeProvider>();
  const stored = async (ws: string, id: string) => {
    const list = (await deps.store.listLists(ws)).find((l) => l.id === id);
    if (list === undefined) throw new NotFoundError("list", id);
    return list;
  };

  app.post(
    "/lists",
    {
      schema: {
        ...common,
        summary: "Create a static list",
        body: CreateListBody,
        response: { 201: List, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const id = `lst_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
      const list = await workspaceOf(request).createList(id, request.body.name);
      return reply.code(201).send(listView(list, 0));
    },
  );

  app.get(
    "/lists",
    { schema: { ...common, summary: "Every list", response: { 200: ListPage, ...PROBLEM_RESPONSES } } },
    async (request) => ({
      data: (await deps.store.listLists(workspaceOf(request).id)).map((l) => listView(l)),
    }),
  );

  app.delete(
    "/lists/:id",
    {
      schema: {
        ...common,
        summary: "Delete a list and its memberships; 409 while a segment reads it",
        params: ListParams,
        response: { 204: z.undefined(), ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      await workspaceOf(request).lists.delete(request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    "/lists/:id/members",
    {
      schema: {
        ...common,
        summary: "Add and remove members (segments reading the list follow)",
        params: ListParams,
        body: EditMembersBody,
        response: one,
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { add = [], remove = [] } = request.body;
      await ws.lists.edit(request.params.id, [...new Set(add)], [...new Set(remove)]);
      return listView(await stored(ws.id, request.params.id));
    },
  );

  app.put(
    "/lists/:id/members",
    {
      bodyLimit: LIST_LIMITS.replaceBytes,
      schema: {
        ...common,
        summary: "Replace the whole list (JSON {ids}, or text/csv with one id a row)",
        consumes: ["application/json", "text/csv"],
        params: ListParams,
        body: ReplaceMembersBody,
        response: one,
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const ids = [...new Set(request.body.ids)];
      await ws.lists.replace(request.params.id, ids);
      return listView(await stored(ws.id, request.params.id), ids.length);
    },
  );
}
