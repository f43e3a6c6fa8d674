import { SegmentsApiError } from "./segments-api-error.ts";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** The service's address, e.g. "http://127.0.0.1:3000" (a trailing slash is fine). */
  baseUrl: string;
  /** The workspace's API key. */
  apiKey: string;
  /** Defaults to the global fetch (Node 20+, browsers). */
  fetch?: FetchLike;
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

/** Authenticated JSON calls to `/v1`; any non-2xx answer throws a SegmentsApiError. */
export class HttpTransport {
  readonly #base: string;
  readonly #auth: string;
  readonly #fetch: FetchLike;

  constructor(options: TransportOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, "");
    this.#auth = `Bearer ${options.apiKey}`;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** The absolute URL of an API path such as "/v1/stream". */
  url(path: string): string {
    return `${this.#base}${path}`;
  }

  /** A raw authenticated request (the stream reads the body itself). */
  send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("authorization", this.#auth);
    return this.#fetch(this.url(path), { ...init, headers });
  }

  async json<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const response = await this.send(path, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    if (!response.ok) throw await SegmentsApiError.from(response);
    if (response.status === 204) return undefined as T;
    const type = response.headers.get("content-type") ?? "";
    // A page instead of JSON: the base URL points at something else (a dashboard, a proxy).
    if (!/[/+]json\b/.test(type)) throw await SegmentsApiError.notJson(response, `${method} ${path}`);
    return (await response.json()) as T;
  }
}

/** A path segment, escaped: ids may hold any character. */
export const part = (id: string): string => encodeURIComponent(id);
