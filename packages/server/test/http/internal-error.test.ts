import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, expectProblem, KEY_A, startTestApp, type TestApp } from "./support/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("an unexpected failure", () => {
  it("is a 500 problem that shows nothing of its internals", async () => {
    await t.app.inject({
      method: "POST",
      url: "/v1/identify",
      headers: bearer(KEY_A),
      payload: { userId: "u1" },
    });
    await t.store.close(); // every store read now throws
    const res = await t.app.inject({ method: "GET", url: "/v1/contacts/u1", headers: bearer(KEY_A) });
    const problem = expectProblem(res, 500);
    expect(problem.type).toBe("https://growthos.dev/problems/internal");
    expect(res.body).not.toMatch(/database|sqlite|stack/i);
  });
});
