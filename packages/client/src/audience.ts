import type { AudienceContact, AudienceQuery, Page } from "./api-types.ts";
import type { HttpTransport } from "./http-transport.ts";

/**
 * The contacts of an audience, fetched a page at a time as they are consumed: iterate it with
 * `for await`, or collect it with `toArray()`. Each contact comes once, ordered by id; each walk
 * (each iteration) starts over from the first page.
 */
export class Audience implements AsyncIterable<AudienceContact> {
  constructor(
    private readonly transport: HttpTransport,
    private readonly query: AudienceQuery,
  ) {}

  /** The pages as the server answers them. */
  async *pages(): AsyncGenerator<AudienceContact[]> {
    const { include, exclude, pageSize } = this.query;
    let cursor: string | null = null;
    do {
      const page: Page<AudienceContact> = await this.transport.json("POST", "/v1/audiences/resolve", {
        include,
        ...(exclude === undefined ? {} : { exclude }),
        ...(pageSize === undefined ? {} : { limit: pageSize }),
        ...(cursor === null ? {} : { cursor }),
      });
      yield page.data;
      cursor = page.next_cursor;
    } while (cursor !== null);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<AudienceContact> {
    for await (const page of this.pages()) yield* page;
  }

  async toArray(): Promise<AudienceContact[]> {
    const all: AudienceContact[] = [];
    for await (const page of this.pages()) all.push(...page);
    return all;
  }

  /** Just the contact ids. */
  async ids(): Promise<string[]> {
    return (await this.toArray()).map((c) => c.contact_id);
  }
}
