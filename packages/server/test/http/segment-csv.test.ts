import { describe, expect, it } from "vitest";
import { client, ids, planIs, plans } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { expectProblem, T0 } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  const t = useTestApp(backend);
  const api = client(t);

  const since = new Date(T0).toISOString();

  describe("GET /v1/segments/{id}/members.csv", () => {
    it("escapes cells per RFC 4180 and defuses formulas", async () => {
      const awkward = [
        "=cmd|' /C calc'!A0",
        "+1",
        "-2",
        "@SUM(A1)",
        "\tTab",
        "\rCR",
        "a,b",
        'q"uote',
        "line\nbreak",
        "plain",
        "ü😀",
      ];
      await api.batch(plans(awkward, "pro"));
      const id = await api.segment(planIs("pro"));
      const res = await api.get(`/v1/segments/${id}/members.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(res.headers["content-disposition"]).toBe(`attachment; filename="${id}-members.csv"`);
      // Rows come in contact-id (code point) order.
      expect(res.body).toBe(
        [
          "contact_id,since",
          `'\tTab,${since}`,
          `"'\rCR",${since}`,
          `'+1,${since}`,
          `'-2,${since}`,
          `'=cmd|' /C calc'!A0,${since}`,
          `'@SUM(A1),${since}`,
          `"a,b",${since}`,
          `"line\nbreak",${since}`,
          `plain,${since}`,
          `"q""uote",${since}`,
          `ü😀,${since}`,
          "",
        ].join("\r\n"),
      );
    });

    it("streams every member once, across pages", async () => {
      const all = ids(2_345);
      await api.batch(plans(all, "pro"));
      const id = await api.segment(planIs("pro"));
      const lines = (await api.get(`/v1/segments/${id}/members.csv`)).body.split("\r\n");
      expect(lines[0]).toBe("contact_id,since");
      expect(lines.at(-1)).toBe("");
      expect(lines.slice(1, -1).map((l) => l.split(",")[0])).toEqual(all);
    });

    it("an empty segment is just the header; an unknown one is 404", async () => {
      const id = await api.segment(planIs("nobody"));
      expect((await api.get(`/v1/segments/${id}/members.csv`)).body).toBe("contact_id,since\r\n");
      expectProblem(await api.get("/v1/segments/nope/members.csv"), 404);
    });
  });
});
