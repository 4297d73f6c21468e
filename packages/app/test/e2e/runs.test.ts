/**
 * The Runs page in a real browser, against the production build: a script's runs, written
 * with `descent/track` into the app's own database file while the server runs, appear in the
 * table; the metric curves and parallel coordinates are drawn for the selected runs; the
 * model registry shows versions with their stage and run; unticking a run removes its curve.
 */
import { SQLiteTrackStore } from 'descent/node';
import { Tracker } from 'descent/track';
import { describe, expect, it } from 'vitest';
import { useApp } from './harness.js';

const app = useApp();

describe('the Runs page', () => {
  it('shows tracked runs, their curves, parallel coordinates and the registry', async () => {
    const store = new SQLiteTrackStore(app.dbPath);
    const tracker = new Tracker({ store, experiment: 'mnist-mlp' });
    const ids: string[] = [];
    for (const [lr, width] of [[0.1, 32], [0.01, 64], [0.001, 128]] as const) {
      const run = tracker.startRun({ name: `lr ${lr}`, params: { lr, width } });
      for (let epoch = 1; epoch <= 5; epoch++) run.logMetrics({ valLoss: 1 / (epoch * lr * 100 + 1), valAccuracy: 1 - 0.5 / (epoch * lr * 10 + 1) }, epoch);
      run.logModel('model', new Uint8Array([1, 2, 3]));
      run.end();
      ids.push(run.runId);
    }
    new Tracker({ store, experiment: 'other' }).startRun({ name: 'elsewhere', params: { k: 3 } }).end();
    const v = tracker.registry.register('mnist', { runId: ids[1], dataHash: 'abc123', description: 'width 64' });
    tracker.registry.transition('mnist', v.version, 'production');
    store.close();

    const page = await app.newPage();
    await page.goto(`${app.url}/runs`);
    await page.getByRole('heading', { name: 'Runs', exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Runs' });
    // Experiments are sorted: 'mnist-mlp' comes first.
    await table.locator('tbody tr').nth(2).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['show', 'run', 'status', 'lr', 'width', 'valAccuracy', 'valLoss', '']);
    expect(await table.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual(['', 'lr 0.1', 'FINISHED', '0.1', '32', String((1 - 0.5 / 6).toPrecision(4)), String((1 / 51).toPrecision(4)), 'Delete']);

    await page.getByLabel('Metric').selectOption('valLoss');
    const curves = page.getByRole('img', { name: 'valLoss over steps' });
    await curves.locator('svg').waitFor();
    // One line per selected run, five points each.
    await expect.poll(() => curves.locator('path[aria-roledescription="line mark"]').count()).toBe(3);
    const parallel = page.getByRole('img', { name: 'Parameters and valLoss, parallel coordinates' });
    await parallel.locator('svg').waitFor();
    await expect.poll(() => parallel.locator('path[aria-roledescription="line mark"]').count()).toBe(3);
    expect(await parallel.locator('svg').innerHTML()).toContain('width');

    await page.getByLabel('show lr 0.001').uncheck();
    await expect.poll(() => curves.locator('path[aria-roledescription="line mark"]').count()).toBe(2);

    const models = page.getByRole('table', { name: 'Model versions' });
    expect(await models.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual(['mnist', '1', 'production', 'lr 0.01', 'abc123', 'width 64']);

    await page.getByRole('combobox', { name: 'Experiment' }).selectOption('other');
    await table.getByText('elsewhere').waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(app.errors(page)).toEqual([]);
  });
});
