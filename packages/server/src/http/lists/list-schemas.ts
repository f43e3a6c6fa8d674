import { z } from "zod";
import { INGEST_LIMITS } from "../ingest/ingest-limits.ts";
import { safeString } from "../validation/safe-text.ts";

/** Ids per `POST .../members` side, and per replacement (`PUT .../members`, 16 MiB body). */
export const LIST_LIMITS = { editIds: 10_000, replaceIds: 1_000_000, replaceBytes: 16 * 1024 * 1024 };

const ContactId = safeString(INGEST_LIMITS.idLength);
const ids = (max: number, description: string) =>
  z.array(ContactId).max(max, `must hold at most ${max} ids`).describe(description);

export const CreateListBody = z.strictObject({ name: safeString(256) });

export const ListParams = z.object({ id: safeString(INGEST_LIMITS.idLength).describe("The list's id") });

export const List = z
  .object({
    id: z.string(),
    name: z.string(),
    size: z.number().int().optional().describe("Members, where known without a scan (create, replace)"),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "List" });
export type List = z.infer<typeof List>;

export const ListPage = z.object({ data: z.array(List) });

export const EditMembersBody = z
  .strictObject({
    add: ids(LIST_LIMITS.editIds, "Contact ids to add (unknown ones are created)").optional(),
    remove: ids(LIST_LIMITS.editIds, "Contact ids to remove").optional(),
  })
  .superRefine((b, ctx) => {
    const added = new Set(b.add);
    for (const [i, id] of (b.remove ?? []).entries()) {
      if (added.has(id)) ctx.addIssue({ code: "custom", path: ["remove", i], message: "is also in add" });
    }
  });

export const ReplaceMembersBody = z
  .strictObject({ ids: ids(LIST_LIMITS.replaceIds, "Every member of the list, nobody else") })
  .describe("JSON, or text/csv with one id a row (first column; a header `id` or `contact_id` is skipped)");
