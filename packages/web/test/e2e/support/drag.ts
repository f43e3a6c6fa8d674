import type { Locator, Page } from "playwright-core";

/**
 * A pointer drag as dnd-kit sees it: press, move in steps (its sensor needs a few pixels of
 * movement to start, and pointer events along the way), release. `dragTo` is too abrupt.
 */
export async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  await centerBoth(page, from, to);
  const a = await from.boundingBox();
  if (a === null) throw new Error("the drag source is not visible");
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2 + 8, { steps: 4 });
  // The page may scroll under the pointer on the way (dnd-kit scrolls near the edges): aim
  // again at where the target is now until it stays put.
  let last = "";
  for (let moves = 0; moves < 4; moves++) {
    const b = await to.boundingBox();
    if (b === null) throw new Error("the drop target is not visible");
    const at = `${b.x + b.width / 2},${b.y + b.height / 2}`;
    if (at === last) break;
    last = at;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: moves === 0 ? 12 : 3 });
  }
  await page.mouse.up();
}

/**
 * Scrolls so that source and target are both on screen, around the middle: away from the edges
 * where dnd-kit scrolls the page during a drag.
 */
async function centerBoth(page: Page, from: Locator, to: Locator): Promise<void> {
  const source = await from.elementHandle();
  const target = await to.elementHandle();
  await page.evaluate(
    ([s, t]) => {
      if (s === null || t === null) return;
      const a = s.getBoundingClientRect();
      const b = t.getBoundingClientRect();
      const middle = (Math.min(a.top, b.top) + Math.max(a.bottom, b.bottom)) / 2;
      window.scrollBy(0, middle - window.innerHeight / 2);
    },
    [source, target] as const,
  );
}
