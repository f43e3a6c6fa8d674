import type { FastifyInstance, FastifyReply } from "fastify";
import type { Clock } from "../../clock/clock.ts";
import type { IdempotencyRecord, Store } from "../../store/store.ts";
import { presentedKey } from "../auth/credentials.ts";
import { HttpProblem } from "../errors/http-errors.ts";
import { IDEMPOTENCY_HEADER, withIdempotencyKey } from "./idempotency-header.ts";
import { takesIdempotencyKey } from "./idempotent-routes.ts";
import { requestFingerprint } from "./request-fingerprint.ts";
import { seal, sealingKey, unseal } from "./sealed-body.ts";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** An in-flight claim older than this belongs to a request that died with its process. */
export const IN_FLIGHT_STALE_MS = 5 * 60 * 1000;
export const REPLAYED_HEADER = "idempotent-replayed";

interface Pending {
  scope: string;
  key: string;
  fingerprint: string;
  sealing: Buffer;
  /** Claimed by this request: its response is to be stored (false: it is a replay). */
  claimed: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    idempotency: Pending | null;
  }
}

/**
 * `Idempotency-Key` on the mutating management calls, as hooks of the `/v1` scope (after the
 * key is resolved). The fingerprint is taken from the parsed body before validation; the key is
 * claimed after validation, so a request its schema rejects stores nothing and the corrected
 * retry may use the same key. Responses below 500 are stored; a 5xx releases the key.
 */
export function idempotencyKeys(app: FastifyInstance, deps: { store: Store; clock: Clock }): void {
  app.decorateRequest("idempotency", null);

  app.addHook("onRoute", (route) => {
    if (!takesIdempotencyKey(route.method, route.url ?? route.path)) return;
    route.schema = { ...route.schema, headers: withIdempotencyKey(route.schema?.headers, route.url) };
  });

  app.addHook("preValidation", async (request) => {
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (typeof key !== "string" || !takesIdempotencyKey(request.method, request.routeOptions.url ?? ""))
      return;
    const p = request.principal;
    request.idempotency = {
      scope: p?.kind === "workspace" ? p.workspace.id : "",
      key,
      fingerprint: requestFingerprint(request.method, request.url, request.body),
      sealing: sealingKey(presentedKey(request.headers.authorization) ?? "", key),
      claimed: false,
    };
  });

  app.addHook("preHandler", async (request, reply) => {
    const pending = request.idempotency;
    if (pending === null) return;
    const now = deps.clock.now();
    const held = await deps.store.claimIdempotency(
      {
        workspaceId: pending.scope,
        key: pending.key,
        fingerprint: pending.fingerprint,
        createdAt: now,
        expiresAt: now + IDEMPOTENCY_TTL_MS,
      },
      now,
      now - IN_FLIGHT_STALE_MS,
    );
    if (held === null) {
      pending.claimed = true;
      return;
    }
    return replay(held, pending, reply);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const pending = request.idempotency;
    if (pending === null || !pending.claimed) return payload;
    pending.claimed = false;
    const storable = reply.statusCode < 500 && (payload == null || typeof payload === "string");
    const contentType = reply.getHeader("content-type");
    const response = storable
      ? {
          status: reply.statusCode,
          contentType: typeof contentType === "string" ? contentType : null,
          body: seal(payload ?? "", pending.sealing),
        }
      : null;
    try {
      await deps.store.saveIdempotency(pending.scope, pending.key, response);
    } catch (error) {
      // The call itself succeeded: answer it. The key stays in flight until it is stale.
      request.log.error({ err: error }, "could not store the idempotent response");
    }
    return payload;
  });
}

function replay(held: IdempotencyRecord, pending: Pending, reply: FastifyReply): FastifyReply {
  if (held.fingerprint !== pending.fingerprint) {
    throw new HttpProblem(
      "idempotency-key-reused",
      "this Idempotency-Key was used with a different request (method, path or body); use a new key",
    );
  }
  if (held.response === null) {
    reply.header("retry-after", "1");
    throw new HttpProblem(
      "idempotency-key-in-use",
      "a request with this Idempotency-Key is still in progress",
    );
  }
  const body = unseal(held.response.body, pending.sealing);
  if (body === undefined) {
    throw new HttpProblem("idempotency-key-reused", "this Idempotency-Key was used with another API key");
  }
  reply.code(held.response.status).header(REPLAYED_HEADER, "true");
  if (held.response.contentType !== null) reply.header("content-type", held.response.contentType);
  return reply.send(held.response.status === 204 ? undefined : body);
}
