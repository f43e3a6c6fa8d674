/**
 * Dense numbers for a workspace's segments, so that a contact's memberships and next changes can
 * be kept as numbers (contact-memo.ts) rather than maps of segment ids. Numbers are never reused
 * within a process, so a deleted segment's bit only lingers where nothing reads it.
 */
export class SegmentOrdinals {
  private readonly byId = new Map<string, number>();
  private readonly ids: string[] = [];

  /** The segment's number, assigned on first use. */
  of(segmentId: string): number {
    let o = this.byId.get(segmentId);
    if (o === undefined) {
      o = this.ids.length;
      this.byId.set(segmentId, o);
      this.ids.push(segmentId);
    }
    return o;
  }

  idAt(ordinal: number): string {
    return this.ids[ordinal];
  }

  /** Every segment id numbered so far, by number. */
  all(): string[] {
    return [...this.ids];
  }
}
