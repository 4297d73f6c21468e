/**
 * The RL playground in a real browser on the production build: painting the grid world,
 * value iteration converging sweep by sweep, Q-learning walking the grid episode by episode,
 * the settings kept in the URL, and CartPole trained live by PPO in a Web Worker, with the
 * return curve rising and the episode animated. SCREENSHOT_DIR=/some/dir saves pictures.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './harness.js';
import { openPlayground, pixels, snap, text } from './playground-helpers.js';

const app = useApp({}, 240_000);

const open = (query = ''): Promise<Page> => openPlayground(app, 'rl', query);
const canvasPixels = (page: Page, id: string): Promise<string> => pixels(page.getByTestId(id));

describe('RL playground in the browser', () => {
  // Loading, the phone's width and control names: playgrounds.test.ts checks every playground.


  it('value iteration sweeps to convergence; painting a wall changes the map, the URL and the values', async () => {
    const page = await open();
    expect(await text(page, 'count')).toBe('0');
    expect(await text(page, 'start-value')).toBe('0.000');
    await page.getByTestId('grid-step').click();
    expect(await text(page, 'count')).toBe('1');
    const residual1 = Number(await text(page, 'residual'));
    await page.getByTestId('grid-step').click();
    expect(Number(await text(page, 'residual'))).toBeLessThan(residual1);
    await page.getByTestId('grid-run').click();
    await page.getByTestId('grid-note').filter({ hasText: 'Converged after' }).waitFor({ timeout: 60_000 });
    const converged = Number(await text(page, 'start-value'));
    expect(converged).toBeGreaterThan(0);
    // Every open cell shows an arrow once the values have converged.
    expect(await page.locator('.pg-rl-a').evaluateAll((els) => els.every((e) => /[←↓→↑]/.test(e.textContent ?? '')))).toBe(true);
    await snap(page, 'rl-value-iteration');

    // Wall off the safe top route: the values restart, and S is worth less after convergence.
    await page.getByRole('combobox', { name: 'Paint', exact: true }).selectOption('#');
    await page.getByTestId('cell-0-3').click();
    expect(await page.getByTestId('cell-0-3').getAttribute('class')).toContain('pg-rl-wall');
    expect(await text(page, 'count')).toBe('0');
    expect(new URL(page.url()).searchParams.get('map')?.split('/')[0]).toBe('S..#...');
    await page.getByTestId('grid-run').click();
    await page.getByTestId('grid-note').filter({ hasText: 'Converged after' }).waitFor({ timeout: 60_000 });
    expect(Number(await text(page, 'start-value'))).toBeLessThan(converged);

    // The edited map survives a reload.
    await page.reload();
    await page.locator('.pg').waitFor();
    expect(await page.getByTestId('cell-0-3').getAttribute('class')).toContain('pg-rl-wall');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('Q-learning runs episode by episode and its values fill in along the paths it tries', async () => {
    const page = await open('?method=q');
    expect(await page.getByRole('combobox', { name: 'Method', exact: true }).inputValue()).toBe('q');
    for (let i = 0; i < 3; i++) await page.getByTestId('grid-step').click();
    expect(await text(page, 'count')).toBe('3');
    await page.getByTestId('grid-run').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=count]')?.textContent) >= 60, null, { timeout: 60_000 });
    await page.getByTestId('grid-run').click();
    const nonZero = await page.locator('.pg-rl-v').evaluateAll((els) => els.filter((e) => /^-?\d/.test(e.textContent ?? '') && Number(e.textContent) !== 0).length);
    expect(nonZero).toBeGreaterThan(5);
    await snap(page, 'rl-q-learning');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('CartPole: PPO trains in a worker, the mean return rises above random, the episode animates, Stop ends it', async () => {
    const page = await open();
    const random = Number(await text(page, 'cp-random'));
    expect(Number(await text(page, 'cp-hand'))).toBe(500);
    const still = await canvasPixels(page, 'cartpole-canvas');
    await page.getByTestId('cp-train').click();
    expect(await page.getByTestId('cp-train').getAttribute('aria-pressed')).toBe('true');
    // Wait for the rolling mean return to beat the random policy clearly (a few thousand steps).
    await page.waitForFunction((r) => Number(document.querySelector('[data-testid=cp-mean]')?.textContent) > r + 15, random, { timeout: 180_000 });
    expect(Number((await text(page, 'cp-steps')).replace(/,/g, ''))).toBeGreaterThan(0);
    const a = await canvasPixels(page, 'cartpole-canvas');
    await page.waitForTimeout(300);
    const b = await canvasPixels(page, 'cartpole-canvas');
    expect(a).not.toBe(still);
    expect(b).not.toBe(a); // the animation moves
    expect(await canvasPixels(page, 'return-curve')).toBeTruthy();
    await snap(page, 'rl-cartpole');
    await page.getByTestId('cp-train').click();
    expect(await page.getByTestId('cp-train').getAttribute('aria-pressed')).toBe('false');
    const steps = await text(page, 'cp-steps');
    await page.waitForTimeout(1000);
    expect(await text(page, 'cp-steps')).toBe(steps); // the worker is gone
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 240_000);
});
