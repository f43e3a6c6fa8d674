import { z } from "zod";
import { safeString } from "../validation/safe-text.ts";

export const CreateWorkspaceBody = z.strictObject({ name: safeString(256) });

export const CreatedWorkspace = z
  .object({
    id: z.string(),
    name: z.string(),
    api_key: z.string().describe("Shown once: only its SHA-256 hash is stored"),
  })
  .meta({ id: "CreatedWorkspace" });
