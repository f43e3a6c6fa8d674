import type {
  AudienceQuery,
  Contact,
  ContactSegment,
  IngestMessage,
  IngestResult,
  MemberCheck,
  Segment,
  SegmentInput,
  Template,
} from "./api-types.ts";
import { Audience } from "./audience.ts";
import { type ChangeHandler, type ChangeOptions, followChanges, type Unsubscribe } from "./change-stream.ts";
import { HttpTransport, part, type TransportOptions } from "./http-transport.ts";
import { SegmentsApiError } from "./segments-api-error.ts";

export type SegmentsClientOptions = TransportOptions;

/**
 * What an outreach module needs from GrowthOS Segments: who to target, whether one contact is
 * in, which segments a contact is in, and every entry and exit as it happens. Every refused call
 * throws a `SegmentsApiError` with the problem+json fields.
 *
 * @example
 * const segments = new SegmentsClient({ baseUrl: "http://127.0.0.1:3000", apiKey });
 * for await (const c of segments.resolveAudience({ include: ["promoters"], exclude: ["churned"] })) send(c.contact_id);
 * const stop = segments.onChange((c) => console.log(c.contact_id, c.change, c.segment_id));
 */
export class SegmentsClient {
  readonly #http: HttpTransport;

  constructor(options: SegmentsClientOptions) {
    this.#http = new HttpTransport(options);
  }

  /** Contacts in any `include` segment and none of the `exclude` ones, paged as it is iterated. */
  resolveAudience(query: AudienceQuery): Audience {
    return new Audience(this.#http, query);
  }

  /** Whether the contact is in the segment now (or as of `at`); an unknown contact is not. */
  async isMember(
    segmentId: string,
    contactId: string,
    options: { at?: Date | string } = {},
  ): Promise<boolean> {
    return (await this.membership(segmentId, contactId, options)).member;
  }

  /** `isMember` with the time the contact entered. */
  membership(
    segmentId: string,
    contactId: string,
    options: { at?: Date | string } = {},
  ): Promise<MemberCheck> {
    const at = options.at instanceof Date ? options.at.toISOString() : options.at;
    const query = at === undefined ? "" : `?at=${encodeURIComponent(at)}`;
    return this.#http.json("GET", `/v1/segments/${part(segmentId)}/members/${part(contactId)}${query}`);
  }

  /** The segments the contact is in now; none for a contact the service has not seen. */
  async segmentsOf(contactId: string): Promise<ContactSegment[]> {
    const contact = await this.contact(contactId);
    return contact?.segments ?? [];
  }

  /** The contact's properties, scores and segments; undefined when it does not exist. */
  async contact(contactId: string): Promise<Contact | undefined> {
    try {
      return await this.#http.json<Contact>("GET", `/v1/contacts/${part(contactId)}`);
    } catch (error) {
      // Only the contact's own 404 ("contact <id> not found"): a wrong base URL must still throw.
      if (error instanceof SegmentsApiError && error.status === 404 && error.detail.startsWith("contact "))
        return undefined;
      throw error;
    }
  }

  /**
   * Calls `handler` for every entry and exit, in order, until the returned function is called.
   * Reconnects on its own and resumes after the last change handled (`Last-Event-ID`).
   */
  onChange(handler: ChangeHandler, options: ChangeOptions = {}): Unsubscribe {
    return followChanges(this.#http, handler, options);
  }

  /** Sends identify / track / score messages in one call (up to 10,000). */
  batch(messages: readonly IngestMessage[]): Promise<IngestResult> {
    return this.#http.json("POST", "/v1/batch", { batch: messages });
  }

  templates(): Promise<Template[]> {
    return this.#http.json<{ data: Template[] }>("GET", "/v1/templates").then((r) => r.data);
  }

  segments(): Promise<Segment[]> {
    return this.#http.json<{ data: Segment[] }>("GET", "/v1/segments").then((r) => r.data);
  }

  segment(id: string): Promise<Segment> {
    return this.#http.json("GET", `/v1/segments/${part(id)}`);
  }

  createSegment(input: SegmentInput): Promise<Segment> {
    return this.#http.json("POST", "/v1/segments", input);
  }
}
