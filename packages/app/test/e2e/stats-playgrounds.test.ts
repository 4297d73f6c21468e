/**
 * The hypothesis-testing and forecasting playgrounds in a real browser, on the production
 * build: each loads without console errors, fits a phone's width and names its controls;
 * the p-value and power follow the effect size and n; the forecast band appears for ARIMA
 * and the metrics change with the model.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './harness.js';
import { combo, openPlayground, pixels, slide } from './playground-helpers.js';

const app = useApp({}, 240_000);

const open = (name: string, query = '', viewport?: { width: number; height: number }): Promise<Page> => openPlayground(app, name, query, viewport);

const number = async (page: Page, id: string) => Number(await page.getByTestId(id).innerText());


describe('statistics playgrounds in the browser', () => {
  // Loading, the phone's width and control names: playgrounds.test.ts checks every playground.


  it('hypothesis: power and p-values follow the effect size and n; the URL keeps the setup', async () => {
    const page = await open('hypothesis', '?d=0.2&n=20&alpha=0.05');
    const canvas = page.getByTestId('null-canvas');
    const small = await number(page, 'power');
    expect(small).toBeGreaterThan(0.05);
    expect(small).toBeLessThan(0.2);
    const before = await pixels(canvas);
    await slide(page, 'Effect size d', 1);
    await slide(page, 'Sample size n per group', 60);
    expect(await number(page, 'power')).toBeGreaterThan(0.99);
    expect(await pixels(canvas)).not.toBe(before);
    // with a large effect and n the drawn samples are significant
    expect(await number(page, 'p-value')).toBeLessThan(0.01);
    expect(await page.getByTestId('decision').innerText()).toMatch(/^reject/);
    await page.getByTestId('simulate').click();
    expect(await number(page, 'simulated-rate')).toBeGreaterThan(0.95);
    const url = new URL(page.url());
    expect(url.searchParams.get('d')).toBe('1');
    expect(url.searchParams.get('n')).toBe('60');
    await page.reload();
    await page.locator('.pg').waitFor();
    expect(await number(page, 'power')).toBeGreaterThan(0.99);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('forecasting: fits, draws the interval, and the metrics change with the model and series', async () => {
    const page = await open('forecasting', '?series=nile&model=naive');
    await page.waitForFunction(() => /^Fitted/.test(document.querySelector('[data-testid=fc-status]')?.textContent ?? ''), null, { timeout: 30_000 });
    const canvas = page.getByTestId('forecast-canvas');
    const naiveMae = await page.getByTestId('fc-mae').innerText();
    const naivePicture = await pixels(canvas);
    expect(await page.getByTestId('fc-status').innerText()).toMatch(/95% prediction interval/);
    await combo(page, 'Model').selectOption('ar2');
    await page.waitForFunction((prev) => document.querySelector('[data-testid=fc-mae]')?.textContent !== prev, naiveMae, { timeout: 30_000 });
    expect(await pixels(canvas)).not.toBe(naivePicture);
    expect(new URL(page.url()).searchParams.get('model')).toBe('ar2');
    // a seasonal series offers the seasonal models; Holt–Winters says it has no interval
    await combo(page, 'Series').selectOption('co2');
    await page.waitForFunction(() => /^Fitted/.test(document.querySelector('[data-testid=fc-status]')?.textContent ?? ''), null, { timeout: 60_000 });
    await combo(page, 'Model').selectOption('holtwinters');
    await page.waitForFunction(() => /point forecast only/.test(document.querySelector('[data-testid=fc-status]')?.textContent ?? ''), null, { timeout: 60_000 });
    expect(await number(page, 'fc-mase')).toBeLessThan(1);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});
