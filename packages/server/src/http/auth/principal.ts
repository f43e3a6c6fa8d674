import type { FastifyRequest } from "fastify";
import type { Workspace } from "../../service/workspace.ts";
import { forbidden, unauthorized } from "../errors/http-errors.ts";

/** Who a `/v1` request acts as: the administrator, or one workspace (the key decides which). */
export type Principal = { kind: "admin" } | { kind: "workspace"; workspace: Workspace };

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The workspace the request's key belongs to; every workspace-scoped handler starts here. */
export function workspaceOf(request: FastifyRequest): Workspace {
  const p = request.principal;
  if (p === null) throw unauthorized("an API key is required");
  if (p.kind !== "workspace") throw forbidden("the admin key cannot act on a workspace's data; use its key");
  return p.workspace;
}

export function requireAdmin(request: FastifyRequest): void {
  const p = request.principal;
  if (p === null) throw unauthorized("an API key is required");
  if (p.kind !== "admin") throw forbidden("only the admin key (SEGMENTS_ADMIN_KEY) may do this");
}
