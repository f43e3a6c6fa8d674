/** A segment definition as a caller submits it (the rule is validated before anything is saved). */
export interface SegmentInput {
  id?: string;
  name: string;
  description?: string;
  rule: unknown;
}
