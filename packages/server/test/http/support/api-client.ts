import type { Group } from "@growthos/segments-core";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { bearer, KEY_A, type TestApp } from "./test-app.ts";

type Method = "GET" | "POST" | "PUT" | "DELETE";

/** Calls as one workspace's key: `api.post(url, body)` and so on. */
export function client(t: TestApp, key = KEY_A) {
  const call = (method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method,
      url,
      headers: bearer(key),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  return {
    get: (url: string) => call("GET", url),
    post: (url: string, body?: unknown) => call("POST", url, body),
    put: (url: string, body?: unknown) => call("PUT", url, body),
    del: (url: string) => call("DELETE", url),
    /** Ingests a batch and expects it taken. */
    async batch(messages: Record<string, unknown>[]) {
      const res = await call("POST", "/v1/batch", { batch: messages });
      expect(res.statusCode, res.body).toBe(200);
    },
    /** Creates a segment and returns its id. */
    async segment(rule: Group, name = "Segment"): Promise<string> {
      const res = await call("POST", "/v1/segments", { name, rule });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    },
  };
}
export type Client = ReturnType<typeof client>;

export const only = (c: Group["children"][number]): Group => ({
  type: "group",
  combinator: "and",
  children: [c],
});
export const planIs = (value: string) => only({ type: "property", property: "plan", operator: "eq", value });
export const seg = (id: string) => only({ type: "segment", segment: id, operator: "in" });
export const inList = (id: string) => only({ type: "list", list: id, operator: "in" });

/** Identify messages setting `plan` for each id. */
export const plans = (ids: readonly string[], plan: string) =>
  ids.map((userId) => ({ type: "identify", userId, traits: { plan } }));

/** Walks a paginated GET to its end; returns every page's data in order. */
export async function walk<T>(
  fetchPage: (cursor: string | null) => Promise<LightMyRequestResponse>,
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10_000; i++) {
    const res = await fetchPage(cursor);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { data: T[]; next_cursor: string | null };
    pages.push(body.data);
    if (body.next_cursor === null) return pages;
    cursor = body.next_cursor;
  }
  throw new Error("the walk did not end");
}

export const ids = (n: number, prefix = "u") =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);
