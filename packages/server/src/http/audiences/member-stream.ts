import type { Store } from "../../store/store.ts";

/** One segment's members in contact-id order, read from the store a page at a time as needed. */
export class MemberStream {
  private page: string[] = [];
  private pos = 0;
  private done = false;

  constructor(
    private readonly store: Store,
    private readonly workspaceId: string,
    readonly segmentId: string,
    private after: string | undefined,
    private readonly pageSize: number,
  ) {}

  /** The current member's id; undefined once there are no more. */
  async head(): Promise<string | undefined> {
    while (this.pos >= this.page.length && !this.done) {
      const page = await this.store.members(this.workspaceId, this.segmentId, this.pageSize, this.after);
      this.page = page.data.map((m) => m.contactId);
      this.pos = 0;
      this.after = page.next ?? undefined;
      this.done = page.next === null;
    }
    return this.page[this.pos];
  }

  advance(): void {
    this.pos++;
  }
}
