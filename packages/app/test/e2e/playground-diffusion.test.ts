/**
 * The diffusion playground in a real browser, on the production build (loading, the phone's
 * width and control names are checked for every playground in playgrounds.test.ts): moving
 * through the steps redraws both pictures; the schedule and sampler change the numbers and are kept in the URL.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './harness.js';
import { openPlayground, pixels, slide } from './playground-helpers.js';

const app = useApp({}, 240_000);

async function open(query = ''): Promise<Page> {
  const page = await openPlayground(app, 'diffusion', query);
  await page.getByTestId('energy').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
  return page;
}


describe('diffusion playground in the browser', () => {
  // Loading, the phone's width and control names: playgrounds.test.ts checks every playground.


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
