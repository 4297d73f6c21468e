/**
 * The playgrounds in a real browser, through the app's routes: every one in the catalog loads
 * without console errors, fits a phone's width and names its controls; the network trains and its boundary moves, its
 * settings survive a reload through the URL; the optimizers race; the explorer fits a
 * model; the convolution output follows the kernel.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PLAYGROUNDS } from '../../src/client/playgrounds/catalog.js';
import { PHONE, useApp } from './harness.js';
import { combo, openPlayground, pixels, snap, unnamedControls } from './playground-helpers.js';

const app = useApp({}, 240_000);

const open = (name: string, query = '', viewport?: { width: number; height: number }): Promise<Page> => openPlayground(app, name, query, viewport);



describe('playgrounds in the browser', () => {
  // Every playground in the app's catalog, so a new one is covered by being listed there.
  it.each(PLAYGROUNDS.map((p) => p.name))('%s loads without console errors, fits a 390 px wide phone, and names every control', async (name) => {
    const page = await open(name, '', PHONE);
    await page.waitForTimeout(500);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await unnamedControls(page)).toEqual([]);
    await snap(page, `${name}-phone`);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('NN: play trains (epoch advances, boundary changes), the URL holds the state and a reload restores it', async () => {
    const page = await open('nn', '?dataset=xor&layers=4,3&act=relu&lr=0.01');
    const output = page.locator('canvas.pg-output');
    const epoch = page.getByTestId('epoch');
    await page.waitForTimeout(300);
    const before = await pixels(output);
    expect(await epoch.innerText()).toBe('0');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 5, null, { timeout: 30_000 });
    await page.getByTestId('play').click(); // pause
    expect(await pixels(output)).not.toBe(before);
    const epochs = Number(await epoch.innerText());
    expect(epochs).toBeGreaterThanOrEqual(5);

    // Change a setting: the URL follows, and a reload comes back to the same setup.
    await combo(page, 'Dataset').selectOption('spiral');
    await page.getByRole('button', { name: 'Add a neuron to layer 2' }).click();
    const url = new URL(page.url());
    expect(url.searchParams.get('dataset')).toBe('spiral');
    expect(url.searchParams.get('layers')).toBe('4,4');
    expect(url.searchParams.get('act')).toBe('relu');
    await page.reload();
    await page.locator('.pg').waitFor();
    expect(await combo(page, 'Dataset').inputValue()).toBe('spiral');
    expect(await combo(page, 'Activation').inputValue()).toBe('relu');
    expect(await combo(page, 'Learning rate').inputValue()).toBe('0.01');
    expect(await page.locator('canvas.pg-neuron').count()).toBe(8);
    expect(await epoch.innerText()).toBe('0');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('optimizer race: the paths move and the losses fall', async () => {
    const page = await open('optimizers', '?surface=himmelblau');
    const canvas = page.getByTestId('race-canvas');
    await page.waitForTimeout(300);
    const before = await pixels(canvas);
    const loss0 = Number(await page.getByTestId('loss-adam').innerText());
    await page.getByTestId('race-play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=race-steps]')?.textContent) >= 20, null, { timeout: 30_000 });
    expect(await pixels(canvas)).not.toBe(before);
    expect(Number(await page.getByTestId('loss-adam').innerText())).toBeLessThan(loss0);
    // A click on the picture moves the start and restarts the race.
    await canvas.click({ position: { x: 40, y: 40 } });
    expect(Number(await page.getByTestId('race-steps').innerText())).toBeLessThan(20);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('decision-boundary explorer: fits a model, shows its accuracy, refits on a new model', async () => {
    const page = await open('boundaries', '?dataset=moons&model=LogisticRegression');
    const acc = page.getByTestId('test-accuracy');
    await page.waitForFunction(() => /%$/.test(document.querySelector('[data-testid=test-accuracy]')?.textContent ?? ''), null, { timeout: 30_000 });
    const canvas = page.getByTestId('boundary-canvas');
    const linear = await pixels(canvas);
    expect(Number((await acc.innerText()).replace('%', ''))).toBeGreaterThan(70);
    await combo(page, 'Model').selectOption('KNeighborsClassifier');
    await page.waitForFunction((prev) => (document.querySelector('[data-testid=boundary-canvas]') as HTMLCanvasElement).toDataURL() !== prev, linear, { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('model')).toBe('KNeighborsClassifier');
    expect(await page.getByRole('slider', { name: 'Neighbours k', exact: true }).count()).toBe(1);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('convolution explorer: the feature map follows the kernel, and a cell explains its sum', async () => {
    const page = await open('convolution');
    const conv = page.locator('canvas.pg-conv-canvas').nth(1);
    await page.waitForTimeout(300);
    const sobel = await pixels(conv);
    await combo(page, 'Kernel').selectOption('blur');
    const blur = await pixels(conv);
    expect(blur).not.toBe(sobel);
    // Typing a weight makes a custom kernel and changes the map again.
    await page.getByTestId('k-1-1').fill('-3');
    expect(await combo(page, 'Kernel').inputValue()).toBe('custom');
    expect(await pixels(conv)).not.toBe(blur);
    // Keyboard inspection: focus the feature map, move right, read the sum.
    await conv.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('conv-readout').innerText()).toMatch(/^Feature \(1, 2\) = .*×.* = /);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});
