/**
 * The lesson layout at the two sizes that matter: on a 1280-px laptop a 100-character line of
 * code fits the code column without scrolling sideways (the lessons' lines run past 88),
 * and on a 375-px phone nothing overflows the page, charts included. Screenshots of both go to
 * $DESCENT_SCREENSHOTS when it is set, to look at.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './harness.js';

const app = useApp();
const shots = process.env.DESCENT_SCREENSHOTS;
const shoot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
};

// 100 characters: the lessons' code runs to 88 and often past it.
const LONG = "const losses = steps.map((step) => lossAt(model, batches[step % batches.length], 0.1, { clip: 1 }));";

const clear = () => fetch(`${app.url}/api/lessons/01-mean/cells/1/edit`, { method: 'DELETE', headers: { 'x-descent-client': '1' } });

describe('layout', () => {
  it('fits a 100-character line in the code column on a 1280-px screen', async () => {
    expect(LONG.length).toBe(100);
    await fetch(`${app.url}/api/lessons/01-mean/cells/1/edit`, {
      method: 'PUT', headers: { 'content-type': 'application/json', 'x-descent-client': '1' },
      body: JSON.stringify({ code: `const data = [2, 4, 4, 5, 7, 9];\n${LONG}\nshow(data.length, 'how many');` }),
    });
    const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${app.url}/lessons/01-mean`);
    const scroller = page.locator('#cell-1 .cm-scroller');
    await scroller.waitFor({ timeout: 20_000 });
    const sizes = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll, `the editor scrolls sideways: ${sizes.scroll} > ${sizes.client}`).toBeLessThanOrEqual(sizes.client);
    await page.locator('#cell-1').scrollIntoViewIfNeeded();
    await shoot(page, 'layout-laptop');
    await page.context().close();
    await clear();
  }, 120_000);

  it('fits a 375-px phone, charts included', async () => {
    const page = await app.newPage({ viewport: { width: 375, height: 812 } });
    await page.goto(`${app.url}/lessons/01-mean`);
    await page.getByRole('button', { name: '▶ Run all' }).click();
    const svg = page.locator('#cell-2 .chart-body svg');
    await svg.waitFor({ timeout: 60_000 });
    const page_ = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(page_.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(page_.client);
    const box = (await svg.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, 'the chart runs off the screen').toBeLessThanOrEqual(375);
    const figure = await page.locator('#cell-2 figure.chart').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(figure.scroll, 'the chart scrolls sideways').toBeLessThanOrEqual(figure.client);
    await page.locator('#cell-2').scrollIntoViewIfNeeded();
    await shoot(page, 'layout-phone');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});
