import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { webhookBody } from "../../src/deliveries/webhook-message.ts";
import {
  SegmentEnteredPayload,
  SegmentExitedPayload,
  WebhookPayload,
} from "../../src/deliveries/webhook-payload.ts";
import { biomeJson } from "./support/biome-json.ts";
import { sqliteStore } from "./support/store-matrix.ts";
import { useTestApp } from "./support/use-test-app.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../../..");

// The document does not depend on the store.
const t = useTestApp(sqliteStore, { once: true });
// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document, read by key
let doc: any;
beforeAll(async () => {
  const res = await t.app.inject({ method: "GET", url: "/openapi.json" });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});

const METHODS = ["get", "put", "post", "delete", "patch"];
const operations = (): [string, string, Record<string, unknown>][] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Record<string, unknown>>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]): [string, string, Record<string, unknown>] => [method.toUpperCase(), path, op]),
  );

describe("GET /openapi.json", () => {
  it("matches the reviewed snapshot (any contract change shows in the diff)", async () => {
    await expect(biomeJson(doc, "openapi.json")).toMatchFileSnapshot("./__snapshots__/openapi.json");
  });

  it("is OpenAPI 3.1 whose every $ref resolves", () => {
    expect(doc.openapi).toBe("3.1.0");
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) {
      const pointer = ref.slice('"$ref":"#/'.length, -1).split("/");
      const target = pointer.reduce(
        (node, key) => node?.[key.replaceAll("~1", "/").replaceAll("~0", "~")],
        doc,
      );
      expect(target, ref).toBeDefined();
    }
  });

  it("puts every operation under one declared tag per area", () => {
    const declared = doc.tags.map((tag: { name: string }) => tag.name);
    for (const [method, path, op] of operations()) {
      expect(op.tags, `${method} ${path}`).toHaveLength(1);
      expect(declared, `${method} ${path}`).toContain((op.tags as string[])[0]);
    }
    const used = new Set(operations().map(([, , op]) => (op.tags as string[])[0]));
    expect(declared.filter((tag: string) => !used.has(tag) && tag !== "webhooks")).toEqual([]);
  });

  it("documents Idempotency-Key on the mutating management calls only", () => {
    const takesKey = operations()
      .filter(([, , op]) =>
        ((op.parameters as { name: string }[] | undefined) ?? []).some((p) => p.name === "idempotency-key"),
      )
      .map(([method, path]) => `${method} ${path}`);
    expect(takesKey).toEqual(
      expect.arrayContaining(["POST /v1/segments", "PUT /v1/segments/{id}", "DELETE /v1/webhooks/{id}"]),
    );
    expect(takesKey).toContain("PUT /v1/lists/{id}/members");
    expect(takesKey).toContain("POST /v1/workspaces");
    for (const call of [
      "POST /v1/batch",
      "POST /v1/segments/preview",
      "POST /v1/audiences/resolve",
      "GET /v1/segments",
    ])
      expect(takesKey).not.toContain(call);
  });
});

describe("the webhooks section", () => {
  const change = {
    seq: 7,
    segmentId: "pros",
    contactId: "jane",
    at: Date.UTC(2026, 0, 2),
    segmentVersion: 3,
  };

  it("describes both deliveries with the schemas the deliveries are typed by", () => {
    expect(Object.keys(doc.webhooks)).toEqual(["segment.entered", "segment.exited"]);
    const body = (event: string) => doc.webhooks[event].post.requestBody.content["application/json"].schema;
    expect(body("segment.entered")).toEqual({ $ref: "#/components/schemas/SegmentEnteredWebhook" });
    expect(body("segment.exited")).toEqual({ $ref: "#/components/schemas/SegmentExitedWebhook" });
    const entered = doc.components.schemas.SegmentEnteredWebhook;
    expect(entered.properties.type).toMatchObject({ const: "segment.entered" });
    expect(entered.required).toEqual(["type", "timestamp", "data"]);
    const headers = doc.webhooks["segment.entered"].post.parameters.map((p: { name: string }) => p.name);
    expect(headers).toEqual(["webhook-id", "webhook-timestamp", "webhook-signature"]);
  });

  it("matches what a delivery sends", () => {
    const entered = JSON.parse(webhookBody({ ...change, change: "entered" }));
    expect(SegmentEnteredPayload.parse(entered)).toEqual(entered);
    const exited = JSON.parse(webhookBody({ ...change, change: "exited" }));
    expect(SegmentExitedPayload.parse(exited)).toEqual(exited);
    expect(WebhookPayload.strict().safeParse(exited).success).toBe(true);
  });
});

/** API.md: the HTTP contract, beside this repository (../shared) or in it. */
const API_MD = [join(root, "API.md"), join(root, "../shared/API.md")].find((p) => existsSync(p));

/** Every `METHOD /path` API.md names in code spans, query strings dropped. */
function contractRoutes(markdown: string): string[] {
  const found = [...markdown.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s?]*)/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
  return [...new Set(found)].sort();
}

if (API_MD === undefined) {
  console.warn(
    "SKIPPED: API.md is not beside the repository (../shared): its route snapshot is not refreshed.",
  );
}

describe("API.md", () => {
  it.skipIf(API_MD === undefined)("names the routes kept in the snapshot beside the document", async () => {
    const routes = contractRoutes(readFileSync(API_MD as string, "utf8"));
    expect(routes.length).toBeGreaterThan(30);
    await expect(biomeJson(routes, "api-md-routes.json")).toMatchFileSnapshot(
      "./__snapshots__/api-md-routes.json",
    );
  });

  // From the snapshot, so that it runs where API.md is not checked out too.
  it("has every route in the document, with its method", () => {
    const routes: string[] = JSON.parse(readFileSync(join(here, "__snapshots__/api-md-routes.json"), "utf8"));
    const documented = new Set(operations().map(([method, path]) => `${method} ${path}`));
    expect(routes.filter((route) => !documented.has(route))).toEqual([]);
  });
});
