import type { Group } from "../schema/rule.ts";

/** What validation may ask about the rest of the workspace; every lookup is optional. */
export interface ValidationContext {
  /** When given, references to segments it denies are `unknown_segment`. */
  segmentExists?: (id: string) => boolean;
  /** When given, references to lists it denies are `unknown_list`. */
  listExists?: (id: string) => boolean;
  /** The saved rules of other segments, to find cycles that pass through them. */
  segmentRule?: (id: string) => Group | undefined;
  /** The id of the segment being saved: a reference to it, or a path back to it, is a cycle. */
  selfId?: string;
}
