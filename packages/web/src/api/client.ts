import { ApiError } from "./api-error.ts";
import type {
  Catalog,
  ExplainNode,
  HistoryPoint,
  ListInfo,
  MemberPage,
  Preview,
  Segment,
  SegmentPreview,
  Template,
  Webhook,
} from "./types.ts";

export interface SegmentInput {
  name: string;
  description?: string;
  rule: unknown;
}

/** The workspace API as the dashboard uses it; every call carries the workspace key. */
export class Api {
  constructor(
    private readonly key: string,
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  get authHeader(): string {
    return `Bearer ${this.key}`;
  }

  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { authorization: this.authHeader };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    if (res.status === 401) this.onUnauthorized();
    if (!res.ok) {
      const problem = await res.json().catch(() => undefined);
      throw new ApiError(res.status, problem);
    }
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  segments = () => this.request<{ data: Segment[] }>("GET", "/v1/segments").then((r) => r.data);
  segment = (id: string) => this.request<Segment>("GET", `/v1/segments/${enc(id)}`);
  createSegment = (input: SegmentInput | { template: string; name?: string }) =>
    this.request<Segment>("POST", "/v1/segments", input);
  updateSegment = (id: string, input: SegmentInput) =>
    this.request<Segment>("PUT", `/v1/segments/${enc(id)}`, input);
  deleteSegment = (id: string) => this.request<void>("DELETE", `/v1/segments/${enc(id)}`);
  setPaused = (id: string, paused: boolean) =>
    this.request<Segment>("POST", `/v1/segments/${enc(id)}/${paused ? "pause" : "resume"}`);

  history = (id: string, interval: "minute" | "hour" | "day" = "day") =>
    this.request<{ data: HistoryPoint[] }>(
      "GET",
      `/v1/segments/${enc(id)}/history?interval=${interval}`,
    ).then((r) => r.data);
  templates = () => this.request<{ data: Template[] }>("GET", "/v1/templates").then((r) => r.data);
  catalog = () => this.request<Catalog>("GET", "/v1/catalog");
  lists = () => this.request<{ data: ListInfo[] }>("GET", "/v1/lists").then((r) => r.data);
  webhooks = () => this.request<{ data: Webhook[] }>("GET", "/v1/webhooks").then((r) => r.data);

  preview = (rule: unknown, signal?: AbortSignal) =>
    this.request<Preview>("POST", "/v1/segments/preview", { rule, sample: 0 }, signal);
  previewEdit = (id: string, rule: unknown, signal?: AbortSignal) =>
    this.request<SegmentPreview>("POST", `/v1/segments/${enc(id)}/preview`, { rule }, signal);

  members = (id: string, limit: number, cursor?: string) =>
    this.request<MemberPage>(
      "GET",
      `/v1/segments/${enc(id)}/members?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
  memberCheck = (id: string, contactId: string) =>
    this.request<{ member: boolean; since?: string }>(
      "GET",
      `/v1/segments/${enc(id)}/members/${enc(contactId)}`,
    );
  explain = (id: string, contactId: string) =>
    this.request<ExplainNode & { evaluated_at: string }>(
      "GET",
      `/v1/segments/${enc(id)}/explain/${enc(contactId)}`,
    );

  /** The members CSV as a Blob: a plain link could not send the key. */
  async membersCsv(id: string): Promise<Blob> {
    const res = await fetch(`/v1/segments/${enc(id)}/members.csv`, {
      headers: { authorization: this.authHeader },
    });
    if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => undefined));
    return res.blob();
  }
}

const enc = encodeURIComponent;
