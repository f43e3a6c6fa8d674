import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireOrSkip } from "../../../server/test/support/services.ts";
import { CHROMIUM, chromiumInstalled, launchChromium } from "./support/browser.ts";
import { buildWeb } from "./support/build-web.ts";
import { type DashboardServer, KEY_A, startDashboardServer } from "./support/dashboard-server.ts";
import { nestedRule, seedContacts } from "./support/seed.ts";

const skip = requireOrSkip(
  "Chromium",
  chromiumInstalled,
  `not installed at ${CHROMIUM} (apt-get install -y chromium)`,
);

/** Each page, wide and narrow: no serious or critical axe violations, no sideways scrolling. */
describe.skipIf(skip)("dashboard accessibility and layout", () => {
  let server: DashboardServer;
  let browser: Browser;
  let segmentId = "";

  beforeAll(async () => {
    await buildWeb();
    server = await startDashboardServer();
    await seedContacts(server);
    const saved = await server.api<{ id: string }>("POST", "/v1/segments", {
      name: "Engaged promoters on paid plans",
      rule: nestedRule(),
    });
    segmentId = saved.id;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const pages: [string, (page: Page) => Promise<void>][] = [
    ["sign-in", async (page) => void (await page.getByLabel("API key").waitFor())],
    [
      "segment list",
      async (page) => {
        await page.goto(`${server.url}/#key=${KEY_A}`);
        await page.getByTestId(`size-${segmentId}`).waitFor();
      },
    ],
    [
      "template gallery",
      async (page) => {
        await page.getByRole("button", { name: "New segment" }).click();
        await page.getByRole("button", { name: /Blank segment/ }).waitFor();
      },
    ],
    [
      "builder with a nested rule",
      async (page) => {
        await page.goto(`${server.url}/segments/${segmentId}/edit`);
        await page.getByTestId("node-/children/3/children/1").waitFor();
        await page.getByTestId("live-count-value").waitFor();
      },
    ],
    [
      "builder with a problem",
      async (page) => {
        await page.getByTestId("node-/children/2").getByLabel("Value").fill("");
        await page.locator(".node-issues").first().waitFor();
      },
    ],
    [
      "segment page with an explanation",
      async (page) => {
        await page.goto(`${server.url}/segments/${segmentId}`);
        await page.getByRole("button", { name: "Explain alice" }).click();
        await page.getByTestId("explain").getByText("is a member").waitFor();
        await page.getByTestId("stream-state").getByText("connected").waitFor();
      },
    ],
  ];

  for (const [viewport, size] of [
    ["1280×800", { width: 1280, height: 800 }],
    ["a phone (390×844)", { width: 390, height: 844 }],
  ] as const) {
    it(`at ${viewport}`, async () => {
      // Its own context: axe opens a helper page in it.
      const context = await browser.newContext({ viewport: size });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${server.url}/`);
      for (const [name, open] of pages) {
        await open(page);
        const result = await new AxeBuilder({ page }).analyze();
        const bad = result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        expect(bad).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      }
      await context.close();
    });
  }
});
