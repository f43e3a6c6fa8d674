import type { FastifyRequest } from "fastify";
import { NotFoundError } from "../../service/errors.ts";
import type { SegmentsService } from "../../service/segments-service.ts";
import type { Store } from "../../store/store.ts";
import { unauthorized } from "../errors/http-errors.ts";
import { hashApiKey, sameKey } from "./api-key.ts";
import { presentedKey } from "./credentials.ts";
import type { Principal } from "./principal.ts";

export interface AuthDeps {
  service: SegmentsService;
  store: Store;
  adminKey?: string;
}

/** Key hash → workspace id. Workspaces and their keys never change, so hits can be kept. */
const MAX_CACHED = 10_000;

/**
 * An `onRequest` hook for `/v1`: resolves the presented key before the body is read, so a
 * request without a valid key costs no parsing. Missing or unknown keys get 401.
 */
export function authenticator(deps: AuthDeps) {
  const cache = new Map<string, string>();

  async function principalFor(key: string): Promise<Principal | undefined> {
    if (deps.adminKey !== undefined && sameKey(key, deps.adminKey)) return { kind: "admin" };
    const hash = hashApiKey(key);
    let workspaceId = cache.get(hash);
    if (workspaceId === undefined) {
      workspaceId = (await deps.store.workspaceByKeyHash(hash))?.id;
      if (workspaceId === undefined) return undefined;
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(hash, workspaceId);
    }
    try {
      return { kind: "workspace", workspace: deps.service.workspace(workspaceId) };
    } catch (e) {
      if (e instanceof NotFoundError) return undefined; // stored, but not loaded by this service
      throw e;
    }
  }

  return async function authenticate(request: FastifyRequest): Promise<void> {
    const key = presentedKey(request.headers.authorization);
    if (key === undefined) {
      throw unauthorized("send the workspace's API key as `Authorization: Bearer <key>` (or Basic <key>:)");
    }
    const principal = await principalFor(key);
    if (principal === undefined) throw unauthorized("the API key is not valid");
    request.principal = principal;
  };
}
