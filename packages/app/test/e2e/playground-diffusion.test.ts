/**
 * The diffusion playground in a real browser, on the production build: it loads without
 * console errors, fits a phone's width and names its controls; moving through the steps
 * redraws both pictures; the schedule and sampler change the numbers and are kept in the URL.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, useApp } from './harness.js';

const app = useApp({}, 240_000);

async function open(query = '', viewport?: { width: number; height: number }): Promise<Page> {
  const page = await app.newPage(viewport ? { viewport } : {});
  await page.goto(`${app.url}/play/diffusion${query}`);
  await page.locator('.pg').waitFor({ timeout: 30_000 });
  await page.getByTestId('energy').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
  return page;
}

const pixels = (canvas: Locator) => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());

async function slide(page: Page, name: string, value: number): Promise<void> {
  await page.getByRole('slider', { name, exact: true }).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

describe('diffusion playground in the browser', () => {
  it('loads without console errors, fits a 390 px phone and names its controls', async () => {
    const page = await open('', PHONE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const unnamed = await page.locator('.pg select, .pg input, .pg button').evaluateAll((els) =>
      els.filter((el) => {
        const e = el as HTMLInputElement;
        return !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label') && !(e.textContent ?? '').trim();
      }).map((el) => el.outerHTML.slice(0, 80)));
    expect(unnamed).toEqual([]);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('steps noise the data and denoise the samples; samplers beat the Gaussian; the URL keeps the setup', async () => {
    const page = await open('?data=moons&schedule=linear&sampler=ddpm');
    const fwd = page.getByTestId('forward-canvas');
    const rev = page.getByTestId('reverse-canvas');
    expect(await page.getByTestId('forward-step').innerText()).toBe('0');
    const [f0, r0] = [await pixels(fwd), await pixels(rev)];
    await slide(page, 'Progress', 100);
    expect(await page.getByTestId('forward-step').innerText()).toBe('49');
    expect(await page.getByTestId('reverse-step').innerText()).toBe('done (x_0)');
    expect(Number(await page.getByTestId('alpha-bar').innerText())).toBeLessThan(0.05);
    expect(await pixels(fwd)).not.toBe(f0);
    expect(await pixels(rev)).not.toBe(r0);
    const energy = Number(await page.getByTestId('energy').innerText());
    const gauss = Number(await page.getByTestId('gaussian-energy').innerText());
    expect(energy).toBeLessThan(0.5 * gauss);
    await page.getByRole('combobox', { name: 'Sampler', exact: true }).selectOption('ddim');
    await page.getByRole('combobox', { name: 'Noise schedule', exact: true }).selectOption('cosine');
    await expect.poll(() => page.getByTestId('energy').innerText()).not.toBe(String(energy));
    expect(Number(await page.getByTestId('energy').innerText())).toBeLessThan(0.5 * gauss);
    const url = new URL(page.url());
    expect(url.searchParams.get('sampler')).toBe('ddim');
    expect(url.searchParams.get('schedule')).toBe('cosine');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});
