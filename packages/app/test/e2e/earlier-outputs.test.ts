/**
 * Lessons open with outputs already shown: the build step (scripts/prerender.ts, a real run
 * with the terminal runner) writes them, the page shows them marked as pre-rendered, and once
 * the learner runs a cell, its output is kept in the browser and shown after a reload.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_LESSONS, tempDir } from '../helpers.js';
import { useApp } from './harness.js';

// The build step, run for real on the fixture lessons (a few seconds).
const out = tempDir('descent-prerendered-');
execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../scripts/prerender.ts', import.meta.url)),
  '--lessons', FIXTURE_LESSONS, '--out', out.dir], { stdio: 'pipe' });
afterAll(() => out.cleanup());

const app = useApp({ prerenderedDir: out.dir });

describe('outputs before running', () => {
  it('the build step recorded a real run', () => {
    const data = JSON.parse(readFileSync(join(out.dir, '01-mean.json'), 'utf8')) as { generator: string; cells: { index: number; outputs: { kind: string; text?: string }[] }[] };
    expect(data.generator).toMatch(/descent lesson run/);
    expect(data.cells.map((c) => c.index)).toEqual([1, 2]);
    expect(data.cells[1]!.outputs.map((o) => o.kind)).toEqual(['text', 'chart']);
  });

  it('shows the pre-rendered outputs, marked, then the learner\'s own after a reload', async () => {
    await fetch(`${app.url}/api/lessons/01-mean/cells/1/edit`, { method: 'DELETE', headers: { 'x-descent-client': '1' } });
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/01-mean`);
    const cell1 = page.locator('#cell-1');
    const cell2 = page.locator('#cell-2');
    // Nothing has run, yet both cells show what the build's run printed and drew.
    await cell2.locator('.chart-body svg').waitFor({ timeout: 30_000 });
    expect(await cell1.locator('.outputs').innerText()).toMatch(/how many\s+6/);
    expect(await cell2.locator('.outputs').innerText()).toMatch(/m after 50 steps\s+5\.16/);
    expect(await cell1.locator('.outputs-origin').innerText()).toMatch(/^Pre-rendered output from the lesson's build on .+\. Run the cell to compute it yourself\.$/);
    expect(await cell1.locator('.cell-status').innerText()).toBe('');
    expect(await page.locator('.toolbar-progress').innerText()).toBe('0/2 cells run · 0/1 exercises');

    // The learner edits and runs cell 1: live output, no pre-rendered mark.
    const editor = cell1.locator('.cm-content');
    await editor.waitFor({ timeout: 20_000 });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText("const data = [2, 4, 4, 5, 7, 9];\nshow(data.length * 100, 'times a hundred');");
    await page.keyboard.press('Shift+Enter');
    await cell1.locator('.output-label', { hasText: 'times a hundred' }).waitFor({ timeout: 30_000 });
    expect(await cell1.locator('.outputs-origin').count()).toBe(0);
    await cell1.getByText('Your version · saved').waitFor({ timeout: 10_000 });

    // After a reload the learner's last output is back, marked as theirs; cell 2 is still pre-rendered.
    await page.reload();
    await cell1.locator('.outputs-origin').getByText(/^Your last run on .+\. Run the cell to update it\.$/).waitFor({ timeout: 10_000 });
    expect(await cell1.locator('.outputs').innerText()).toMatch(/times a hundred\s+600/);
    expect(await cell2.locator('.outputs-origin').innerText()).toMatch(/^Pre-rendered/);

    // Changing the code after that run says the output came from an earlier version.
    await editor.waitFor({ timeout: 20_000 });
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(' // changed');
    await cell1.locator('.outputs-origin').getByText(/of an earlier version of this code/).waitFor({ timeout: 10_000 });
    // Cell 2 edited: its pre-rendered output is said to be of the lesson's original code.
    const editor2 = cell2.locator('.cm-content');
    await editor2.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n// mine');
    await cell2.locator('.outputs-origin').getByText(/^Pre-rendered output of the lesson's original code from the lesson's build on /).waitFor({ timeout: 10_000 });
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
    for (const i of [1, 2]) await fetch(`${app.url}/api/lessons/01-mean/cells/${i}/edit`, { method: 'DELETE', headers: { 'x-descent-client': '1' } });
  }, 180_000);
});
