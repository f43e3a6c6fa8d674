import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { newWebhookSecret } from "../../deliveries/webhook-message.ts";
import { ConflictError, NotFoundError } from "../../service/errors.ts";
import type { WebhookRecord } from "../../store/records.ts";
import { workspaceOf } from "../auth/principal.ts";
import { HttpProblem } from "../errors/http-errors.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import { startDeliveries, type WebhookRouteOptions } from "./webhook-deliveries-plugin.ts";
import { CreatedWebhook, CreateWebhookBody, WebhookList, WebhookParams } from "./webhook-schemas.ts";
import { acceptWebhookUrl } from "./webhook-url.ts";
import { webhookView } from "./webhook-view.ts";

const MAX_WEBHOOKS = 100;
const common = { tags: ["webhooks"], security: KEY_SECURITY };

/** Webhooks of the key's workspace, and the workers that deliver to them. */
export async function webhookRoutes(root: FastifyInstance, options: WebhookRouteOptions): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = options;
  const deliveries = startDeliveries(root, options);

  app.post(
    "/webhooks",
    {
      schema: {
        ...common,
        summary: "Register a webhook: segment entries and exits are POSTed to it, signed",
        body: CreateWebhookBody,
        response: { 201: CreatedWebhook, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request).id;
      const segments = request.body.segments === undefined ? null : [...new Set(request.body.segments)];
      for (const id of segments ?? [])
        if ((await store.getSegment(ws, id)) === undefined) throw new NotFoundError("segment", id);
      const url = await acceptWebhookUrl(request.body.url, deliveries.settings);
      if ((await store.listWebhooks(ws)).length >= MAX_WEBHOOKS)
        throw new ConflictError(`a workspace has at most ${MAX_WEBHOOKS} webhooks; delete one first`);
      const webhook: WebhookRecord = {
        workspaceId: ws,
        id: `wh_${randomBytes(8).toString("hex")}`,
        url,
        segments,
        secret: newWebhookSecret(),
        createdAt: clock.now(),
        // From now on: changes already in the log are not sent.
        delivery: { ...NEVER_FAILED, cursor: await store.lastSeq(ws) },
      };
      await store.createWebhook(webhook);
      deliveries.add(webhook);
      const { id, secret, createdAt } = webhook;
      const created_at = new Date(createdAt).toISOString();
      return reply.code(201).send({ id, secret, url, segments, created_at });
    },
  );

  app.get(
    "/webhooks",
    {
      schema: {
        ...common,
        summary: "The workspace's webhooks and how their deliveries stand (no secrets)",
        response: { 200: WebhookList, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => ({ data: (await store.listWebhooks(workspaceOf(request).id)).map(webhookView) }),
  );

  app.delete(
    "/webhooks/:id",
    {
      schema: {
        ...common,
        summary: "Delete a webhook; no delivery to it starts afterwards",
        params: WebhookParams,
        response: { 204: z.undefined(), ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request).id;
      const { id } = request.params;
      if (!(await store.deleteWebhook(ws, id))) throw new HttpProblem("not-found", `webhook ${id} not found`);
      await deliveries.remove(ws, id);
      return reply.code(204).send();
    },
  );
}

const NEVER_FAILED = {
  failures: 0,
  gone: 0,
  nextAttemptAt: null,
  lastError: null,
  disabledAt: null,
  disabledReason: null,
} satisfies Omit<WebhookRecord["delivery"], "cursor">;
