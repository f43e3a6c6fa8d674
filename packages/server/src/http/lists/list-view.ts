import type { ListRecord } from "../../store/records.ts";
import type { List } from "./list-schemas.ts";

export function listView(l: ListRecord, size?: number): List {
  return {
    id: l.id,
    name: l.name,
    ...(size === undefined ? {} : { size }),
    created_at: new Date(l.createdAt).toISOString(),
  };
}
