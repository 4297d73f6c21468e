/**
 * Runs from a lesson cell, in a real browser on the production build, in class mode: a
 * signed-in learner runs a cell that logs a run with `new Tracker()` (its default store), the
 * page uploads it when the cell finishes, and after a reload the learner's Runs page shows it.
 * The run's SVG figure is listed with a preview and downloads as a file; the learner deletes
 * another run after confirming. Another learner's Runs page stays empty and says how a run
 * gets there. A cell stopped at the time limit still leaves its run, FAILED at the stop.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Accounts } from '../../src/server/auth/accounts.js';
import { Catalog } from '../../src/server/catalog.js';
import type { Sql } from '../../src/server/db/sql.js';
import { Store } from '../../src/server/db/store.js';
import { FIXTURE_LESSONS } from '../helpers.js';
import { useApp } from './harness.js';

const app = useApp({ classMode: true });

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40" fill="steelblue"/></svg>';
const CELL = `import { Tracker } from 'descent/track';
const tracker = new Tracker({ experiment: 'from-the-browser' });
const run = tracker.startRun({ name: 'lr 0.5', params: { lr: 0.5 } });
for (let step = 0; step < 3; step++) run.logMetric('loss', 1 / (step + 1), step);
run.logArtifact('loss.svg', '${SVG}', { kind: 'figure' });
run.end();
tracker.startRun({ name: 'lr 5', params: { lr: 5 } }).end();
show(tracker.searchRuns().length, 'runs');`;

describe('runs logged by a lesson cell', () => {
  it('reach the learner\'s Runs page, and only theirs', async () => {
    const accounts = (app.server as unknown as { accounts: Accounts }).accounts;
    const ada = await accounts.createUser('ada', 'ada\'s long password', 'learner');
    await accounts.createUser('bob', 'bob\'s long password', 'learner');
    // Ada's own version of cell 1 (what typing it in the editor saves).
    const original = new Catalog(FIXTURE_LESSONS).get('01-mean')!.view.cells[0]!;
    await new Store(accounts.sql as Sql).forUser(ada).saveEdit('01-mean', 1, CELL, original.hash);

    const logIn = async (username: string) => {
      const page = await app.newPage();
      await page.goto(`${app.url}/lessons/01-mean`);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(`${username}'s long password`);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      return page;
    };
    const page = await logIn('ada');
    const cell = page.getByRole('region', { name: 'Cell 1' });
    await cell.getByRole('button', { name: 'Run cell 1' }).waitFor();
    // The cell's two runs are uploaded one after the other.
    const statuses: number[] = [];
    page.on('response', (r) => { if (r.url().endsWith('/api/runs') && r.request().method() === 'POST') statuses.push(r.status()); });
    await cell.getByRole('button', { name: 'Run cell 1' }).click();
    await expect.poll(() => statuses, { timeout: 30_000 }).toEqual([201, 201]);
    await cell.getByText('✓', { exact: false }).first().waitFor();

    await page.goto(`${app.url}/runs`);
    await page.reload();
    const table = page.getByRole('table', { name: 'Runs' });
    await table.getByText('lr 0.5').waitFor();
    expect(await table.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual(['', 'lr 0.5', 'FINISHED', '0.5', String((1 / 3).toPrecision(4)), 'Delete']);

    // The figure: listed, previewed through a data: URL, and downloaded as a file.
    const artifacts = page.getByRole('table', { name: 'Artifacts' });
    await artifacts.getByText('loss.svg').waitFor();
    expect(await artifacts.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual(['lr 0.5', 'loss.svg', 'figure', 'image/svg+xml', `${SVG.length} B`]);
    const preview = artifacts.getByRole('img', { name: 'loss.svg of lr 0.5' });
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => [img.src.split(';')[0], img.naturalWidth])).toEqual(['data:image/svg+xml', 80]);
    const download = page.waitForEvent('download');
    await artifacts.getByRole('link', { name: 'download loss.svg of lr 0.5' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('loss.svg');
    expect(readFileSync((await file.path())!, 'utf8')).toBe(SVG);

    // Deleting asks first; keeping it changes nothing, confirming removes the run for good.
    await table.getByRole('button', { name: 'delete lr 5' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm deletion' });
    await confirm.getByText(/Delete the run lr 5 with its parameters, metrics, tags and artifacts\? This cannot be undone/).waitFor();
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await table.locator('tbody tr').count()).toBe(2);
    await table.getByRole('button', { name: 'delete lr 5' }).click();
    await confirm.getByRole('button', { name: 'Delete run' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.reload();
    await table.getByText('lr 0.5').waitFor();
    expect(await table.locator('tbody tr').allInnerTexts()).toHaveLength(1);
    expect(app.errors(page)).toEqual([]);

    const bob = await logIn('bob');
    await bob.goto(`${app.url}/runs`);
    await bob.getByText(/No runs yet\. A run appears here when a lesson cell makes one/).waitFor();
    expect(await bob.getByRole('table', { name: 'Runs' }).count()).toBe(0);
    expect(app.errors(bob)).toEqual([]);
  }, 120_000);

  it('are kept when the cell that logs them is stopped at the time limit', async () => {
    const accounts = (app.server as unknown as { accounts: Accounts }).accounts;
    const cy = await accounts.createUser('cy', 'cy\'s long password', 'learner');
    const original = new Catalog(FIXTURE_LESSONS).get('01-mean')!.view.cells[0]!;
    await new Store(accounts.sql as Sql).forUser(cy).saveEdit('01-mean', 1, `import { Tracker } from 'descent/track';
const run = new Tracker({ experiment: 'runaway' }).startRun({ name: 'never ends', params: { lr: 0.1 } });
run.logMetric('loss', 0.9, 0);
run.logMetric('loss', 0.8, 1);
while (true) {}`, original.hash);
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/01-mean?timeLimit=3`);
    await page.getByLabel('Username').fill('cy');
    await page.getByLabel('Password').fill('cy\'s long password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    const cell = page.getByRole('region', { name: 'Cell 1' });
    const statuses: number[] = [];
    page.on('response', (r) => { if (r.url().endsWith('/api/runs') && r.request().method() === 'POST') statuses.push(r.status()); });
    await cell.getByRole('button', { name: 'Run cell 1' }).click();
    await cell.locator('pre.error').waitFor({ timeout: 30_000 });
    expect(await cell.locator('pre.error').innerText()).toMatch(/ran past the 3 s time limit and was stopped/);
    await expect.poll(() => statuses, { timeout: 30_000 }).toEqual([201]);

    await page.goto(`${app.url}/runs`);
    const table = page.getByRole('table', { name: 'Runs' });
    await table.getByText('never ends').waitFor();
    // FAILED at the stop, its parameter and the last loss logged before the loop.
    expect(await table.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual(['', 'never ends', 'FAILED (cell timed out)', '0.1', '0.8', 'Delete']);
    expect(app.errors(page)).toEqual([]);
  }, 120_000);
});
