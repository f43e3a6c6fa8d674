/**
 * A change to a contact's data that can change segment membership. `property.key` is a top-level
 * trait key: identify merges traits by top-level key, so that is what changes.
 */
export type DataChange =
  | { kind: "event"; event: string }
  | { kind: "property"; key: string }
  | { kind: "score"; score: string }
  | { kind: "list"; list: string }
  | { kind: "segment"; segment: string }
  | { kind: "contact_created" };
