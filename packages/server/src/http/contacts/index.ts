import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { NotFoundError } from "../../service/errors.ts";
import { workspaceOf } from "../auth/principal.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import { Contact, ContactParams } from "./contact-schemas.ts";
import { contactView } from "./contact-view.ts";

const common = { tags: ["contacts"], security: KEY_SECURITY, params: ContactParams };

/** Reads come from the store (the durable truth), scoped by the key's workspace. */
export async function contactRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/contacts/:id",
    {
      schema: {
        ...common,
        summary: "A contact's properties, scores and segments",
        response: { 200: Contact, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      const ws = workspaceOf(request).id;
      const contact = await deps.store.getContact(ws, request.params.id, { events: false });
      if (contact === undefined) throw new NotFoundError("contact", request.params.id);
      return contactView(contact, await deps.store.contactMemberships(ws, contact.id));
    },
  );

  app.delete(
    "/contacts/:id",
    {
      schema: {
        ...common,
        summary: "Delete a contact with its events, scores and memberships (exits are recorded)",
        response: { 204: z.undefined(), ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const workspace = workspaceOf(request);
      const { id } = request.params;
      if (!(await workspace.deleteContact(id))) throw new NotFoundError("contact", id);
      return reply.code(204).send();
    },
  );
}
