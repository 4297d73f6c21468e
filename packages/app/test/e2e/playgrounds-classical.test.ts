/**
 * The classical-ML playgrounds in a real browser on the production build: the decision tree
 * grows split by split (the partition and the impurity change, the URL holds the splits); the
 * clustering playground seeds with k-means++, steps to convergence, and draws EM's ellipses;
 * the decision-boundary explorer circles an SVM's support vectors and fits an MLP.
 * SCREENSHOT_DIR=/some/dir saves a picture of each for a human to look at.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './harness.js';
import { combo, openPlayground, pixels, snap, text, } from './playground-helpers.js';

const app = useApp({}, 240_000);

const open = (name: string, query = '', viewport?: { width: number; height: number }): Promise<Page> => openPlayground(app, name, query, viewport);


describe('classical playgrounds in the browser', () => {
  // Loading, the phone's width and control names: playgrounds.test.ts checks every playground.


  it('decision tree: each Split adds a leaf, lowers the impurity, redraws the partition; the URL keeps the splits', async () => {
    const page = await open('tree', '?dataset=moons&criterion=gini');
    const canvas = page.getByTestId('tree-canvas');
    expect(await text(page, 'splits')).toBe('0');
    expect(await text(page, 'leaves')).toBe('1');
    let impurity = Number(await text(page, 'impurity'));
    let before = await pixels(canvas);
    for (let s = 1; s <= 4; s++) {
      await page.getByTestId('split').click();
      expect(await text(page, 'splits')).toBe(String(s));
      expect(await text(page, 'leaves')).toBe(String(s + 1));
      const now = Number(await text(page, 'impurity'));
      expect(now).toBeLessThan(impurity);
      impurity = now;
      const after = await pixels(canvas);
      expect(after).not.toBe(before);
      before = after;
    }
    expect(await text(page, 'last-split')).toMatch(/^Split 4: [xy] ≤ /);
    expect(await text(page, 'tree-text')).toContain('|--- x');
    expect(new URL(page.url()).searchParams.get('splits')).toBe('4');
    await page.getByTestId('undo').click();
    expect(await text(page, 'splits')).toBe('3');
    // Grow on its own, then a reload comes back to the same tree.
    await page.getByTestId('grow').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=splits]')?.textContent) >= 8, null, { timeout: 30_000 });
    await page.getByTestId('grow').click();
    const splits = await text(page, 'splits');
    await snap(page, 'tree-laptop');
    await page.reload();
    await page.locator('.pg').waitFor();
    expect(await text(page, 'splits')).toBe(splits);
    expect(await combo(page, 'Split criterion').inputValue()).toBe('gini');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('clustering: k-means++ places k centres one step at a time, then assign/update runs to convergence', async () => {
    const page = await open('clustering', '?dataset=blobs&method=kmeans&k=4');
    expect(await text(page, 'phase')).toBe('seeding');
    for (let c = 1; c <= 3; c++) {
      await page.getByTestId('step').click();
      expect(await text(page, 'next-step')).toContain(`centre ${c + 1} of 4`);
    }
    await snap(page, 'clustering-seeding');
    await page.getByTestId('step').click();
    expect(await text(page, 'phase')).toBe('assign');
    await page.getByTestId('step').click();
    const inertia0 = Number(await text(page, 'objective'));
    expect(await text(page, 'phase')).toBe('update');
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=phase]')?.textContent === 'converged', null, { timeout: 60_000 });
    expect(Number(await text(page, 'objective'))).toBeLessThanOrEqual(inertia0);
    expect(Number(await text(page, 'iteration'))).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('step').isDisabled()).toBe(true);
    await snap(page, 'clustering-kmeans');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('clustering: EM on elongated blobs raises the log-likelihood and draws ellipses', async () => {
    const page = await open('clustering', '?dataset=elongated&method=gmm');
    const canvas = page.getByTestId('cluster-canvas');
    expect(await combo(page, 'Clusters k').inputValue()).toBe('3'); // the dataset's own number of clusters
    for (let c = 0; c < 3; c++) await page.getByTestId('step').click();
    expect(await text(page, 'phase')).toBe('E-step');
    const seeded = await pixels(canvas);
    await page.getByTestId('step').click(); // E
    const ll0 = Number(await text(page, 'objective'));
    await page.getByTestId('step').click(); // M: the ellipses move
    expect(await pixels(canvas)).not.toBe(seeded);
    for (let s = 0; s < 10; s++) await page.getByTestId('step').click();
    expect(Number(await text(page, 'objective'))).toBeGreaterThan(ll0);
    expect(new URL(page.url()).searchParams.get('method')).toBe('gmm');
    await snap(page, 'clustering-gmm');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('boundaries: an SVM circles its support vectors; the MLP and boosting fit the moons', async () => {
    const page = await open('boundaries', '?dataset=moons&model=SVC');
    await page.waitForFunction(() => /%$/.test(document.querySelector('[data-testid=test-accuracy]')?.textContent ?? ''), null, { timeout: 30_000 });
    const sv = page.getByTestId('support-vectors');
    await expect.poll(async () => (await sv.innerText()).trim(), { timeout: 10_000 }).toMatch(/^\d+ of 140$/);
    expect(Number((await sv.innerText()).split(' ')[0])).toBeGreaterThan(2);
    expect(await page.getByText('Support vector', { exact: true }).count()).toBe(1);
    await snap(page, 'boundaries-svc');
    for (const model of ['MLPClassifier', 'HistGradientBoostingClassifier']) {
      const prev = await pixels(page.getByTestId('boundary-canvas'));
      await combo(page, 'Model').selectOption(model);
      await page.waitForFunction((p) => (document.querySelector('[data-testid=boundary-canvas]') as HTMLCanvasElement).toDataURL() !== p, prev, { timeout: 60_000 });
      await expect.poll(async () => Number((await page.getByTestId('test-accuracy').innerText()).replace('%', '')), { timeout: 30_000 }).toBeGreaterThan(85);
      expect(await sv.isVisible()).toBe(false);
    }
    expect(await combo(page, 'Hidden layers').count()).toBe(0); // the MLP's controls went with it
    await snap(page, 'boundaries-hgb');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});
