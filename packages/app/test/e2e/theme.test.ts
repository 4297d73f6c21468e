/**
 * The dark theme follows the system setting: with `prefers-color-scheme: dark` the page turns
 * dark with text still at 4.5:1 contrast or more, charts use Vega's dark theme, and the light
 * theme stays as it was for everyone else.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './harness.js';

const app = useApp();

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

async function colours(page: Page, selector: string): Promise<{ color: string; background: string }> {
  return page.locator(selector).first().evaluate((el) => {
    // The nearest opaque background (a faint highlight such as the active line does not count).
    let bg = 'rgba(0, 0, 0, 0)';
    for (let e: Element | null = el; e && /^rgba|transparent/.test(bg); e = e.parentElement) bg = getComputedStyle(e).backgroundColor;
    return { color: getComputedStyle(el).color, background: bg };
  });
}

describe('colour scheme', () => {
  it('is dark when the system is, with readable text and a dark chart', async () => {
    const page = await app.newPage({ colorScheme: 'dark' });
    await page.goto(`${app.url}/lessons/01-mean`);
    await page.locator('h1').waitFor();
    const body = await colours(page, 'body');
    expect(body.background).toBe('rgb(21, 25, 29)');
    for (const selector of ['body', 'h1', '.prose', 'a', '.toolbar-progress']) {
      if (await page.locator(selector).count() === 0) throw new Error(`no ${selector} on the page`);
      const c = await colours(page, selector);
      expect(contrast(c.color, c.background), `${selector}: ${c.color} on ${c.background}`).toBeGreaterThanOrEqual(4.5);
    }
    await page.getByRole('button', { name: '▶ Run all' }).click();
    const svg = page.locator('#cell-2 .chart-body svg');
    await svg.waitFor({ timeout: 60_000 });
    expect(await svg.evaluate((el) => el.outerHTML)).toMatch(/#333|rgb\(51, 51, 51\)/); // Vega's dark theme background
    await page.locator('#cell-1 .cm-content').waitFor({ timeout: 20_000 });
    const code = await colours(page, '#cell-1 .cm-content');
    expect(contrast(code.color, code.background), `code: ${code.color} on ${code.background}`).toBeGreaterThanOrEqual(4.5);
    for (const token of ['tok-keyword', 'tok-number', 'tok-string', 'tok-definition']) {
      const selector = `.cm-editor .${token}`;
      if (await page.locator(selector).count() === 0) continue;
      const c = await colours(page, selector);
      expect(contrast(c.color, c.background), `${selector}: ${c.color} on ${c.background}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('stays light otherwise', async () => {
    const page = await app.newPage({ colorScheme: 'light' });
    await page.goto(`${app.url}/lessons/01-mean`);
    await page.locator('h1').waitFor();
    expect((await colours(page, 'body')).background).toBe('rgb(255, 255, 255)');
    await page.context().close();
  }, 60_000);
});
