import type { Condition } from "../schema/conditions.ts";

/** What one condition looked at, in the contact's data. */
export type Observed =
  | { kind: "value"; value: unknown }
  | {
      kind: "events";
      /** The aggregate (count, sum, ...) compared; null when missing. */
      value: number | null;
      /** Matching events inside the window (all of them when there is no window). */
      matched: number;
      window: { from: string | null; to: string | null } | null;
      /** Times of the matching events in the window, latest first (at most 20). */
      times: string[];
    }
  | { kind: "time"; value: string | null }
  | { kind: "sequence"; chain: string[] | null }
  | { kind: "membership"; member: boolean }
  | { kind: "bucket"; bucket: number; below: number };

/** A rule node with its result for one contact, as "why is Jane in this segment" shows it. */
export type ExplainNode =
  | {
      type: "group";
      path: string;
      combinator: "and" | "or";
      negate: boolean;
      result: boolean;
      /** When the result can next change by time alone (ISO), or null. */
      changes_at: string | null;
      children: ExplainNode[];
    }
  | {
      type: Condition["type"];
      path: string;
      condition: Condition;
      result: boolean;
      changes_at: string | null;
      observed: Observed;
    };
