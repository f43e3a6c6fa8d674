import type { SegmentsService } from "../../service/segments-service.ts";
import { hashApiKey, newApiKey } from "./api-key.ts";

export const DEFAULT_WORKSPACE_ID = "default";

export type DefaultWorkspace =
  | { created: true; apiKey: string; generated: boolean }
  | { created: false; keyMatches: boolean | undefined };

/**
 * On first start (no workspace yet) creates the default workspace, keyed by `apiKey` or by a new
 * random key that the caller prints once: only its hash is kept. Later starts create nothing
 * and tell whether a configured key still belongs to a workspace.
 */
export async function ensureDefaultWorkspace(
  service: SegmentsService,
  apiKey: string | undefined,
  now: number,
): Promise<DefaultWorkspace> {
  const store = service.store;
  if ((await store.listWorkspaces()).length > 0) {
    const keyMatches =
      apiKey === undefined ? undefined : (await store.workspaceByKeyHash(hashApiKey(apiKey))) !== undefined;
    return { created: false, keyMatches };
  }
  const key = apiKey ?? newApiKey();
  await service.createWorkspace({
    id: DEFAULT_WORKSPACE_ID,
    name: "Default",
    apiKeyHash: hashApiKey(key),
    createdAt: now,
  });
  return { created: true, apiKey: key, generated: apiKey === undefined };
}
