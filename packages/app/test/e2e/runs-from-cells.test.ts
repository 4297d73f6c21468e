/**
 * Runs from a lesson cell, in a real browser on the production build, in class mode: a
 * signed-in learner runs a cell that logs a run with `new Tracker()` (its default store), the
 * page uploads it when the cell finishes, and after a reload the learner's Runs page shows it.
 * Another learner's Runs page stays empty and says how a run gets there.
 */
import { describe, expect, it } from 'vitest';
import type { Accounts } from '../../src/server/auth/accounts.js';
import { Catalog } from '../../src/server/catalog.js';
import type { Sql } from '../../src/server/db/sql.js';
import { Store } from '../../src/server/db/store.js';
import { FIXTURE_LESSONS } from '../helpers.js';
import { useApp } from './harness.js';

const app = useApp({ classMode: true });

const CELL = `import { Tracker } from 'descent/track';
const tracker = new Tracker({ experiment: 'from-the-browser' });
const run = tracker.startRun({ name: 'lr 0.5', params: { lr: 0.5 } });
for (let step = 0; step < 3; step++) run.logMetric('loss', 1 / (step + 1), step);
run.end();
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
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/runs') && r.request().method() === 'POST');
    await cell.getByRole('button', { name: 'Run cell 1' }).click();
    expect((await uploaded).status()).toBe(201);
    await cell.getByText('✓', { exact: false }).first().waitFor();

    await page.goto(`${app.url}/runs`);
    await page.reload();
    const table = page.getByRole('table', { name: 'Runs' });
    await table.getByText('lr 0.5').waitFor();
    expect(await table.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual(['', 'lr 0.5', 'FINISHED', '0.5', String((1 / 3).toPrecision(4))]);
    expect(app.errors(page)).toEqual([]);

    const bob = await logIn('bob');
    await bob.goto(`${app.url}/runs`);
    await bob.getByText(/No runs yet\. A run appears here when a lesson cell makes one/).waitFor();
    expect(await bob.getByRole('table', { name: 'Runs' }).count()).toBe(0);
    expect(app.errors(bob)).toEqual([]);
  }, 120_000);
});
