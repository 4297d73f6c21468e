/**
 * A learner's session in a real browser, on the small fixture lessons: run every cell, edit
 * one and see its new output, fail then solve an exercise, reload and find both kept, stop a
 * cell that never ends (by hand and by the time limit), and no console errors on the way.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { PHONE, useApp } from './harness.js';

const app = useApp();

// Each test starts from the lessons' own code (edits autosave, so one test's loop would
// otherwise be the next test's starting point). Progress and solved exercises are kept.
beforeEach(async () => {
  for (const [lesson, cells] of [['01-mean', 5], ['02-tables', 1]] as const) {
    for (let i = 1; i <= cells; i++) await fetch(`${app.url}/api/lessons/${lesson}/cells/${i}/edit`, { method: 'DELETE', headers: { 'x-descent-client': '1' } });
  }
});

const cell = (page: Page, n: number) => page.locator(`#cell-${n}`);

/** Replaces the code in the editor inside `scope`, waiting for CodeMirror to mount. */
async function typeCode(page: Page, scope: Locator, code: string): Promise<void> {
  const editor = scope.locator('.cm-content').first();
  await editor.waitFor({ timeout: 20_000 });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(code);
}

const outputText = (scope: Locator) => scope.locator('.outputs').first().innerText();

describe('a lesson in the browser', () => {
  it('runs every cell, draws the chart, edits a cell, solves the exercise, and keeps it all after a reload', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/01-mean`);
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').innerText()).toBe('The mean, by hand and by gradient descent');
    expect(await page.locator('.prose .katex').count()).toBeGreaterThan(0);

    // Run all: both plain cells run, the second draws its loss curve with vega-embed.
    await page.getByRole('button', { name: '▶ Run all' }).click();
    await cell(page, 2).locator('.chart-body svg').waitFor({ timeout: 60_000 });
    expect(await outputText(cell(page, 1))).toContain('6');
    expect(await outputText(cell(page, 2))).toMatch(/m after 50 steps\s+5\.16/);
    expect(await page.locator('.toolbar-progress').innerText()).toBe('2/2 cells run · 0/1 exercises');

    // Edit cell 1 and run it with Shift+Enter: the new output appears.
    await typeCode(page, cell(page, 1), "const data = [2, 4, 4, 5, 7, 9];\nshow(data.length * 100, 'times a hundred');");
    await page.keyboard.press('Shift+Enter');
    await cell(page, 1).locator('.output-label', { hasText: 'times a hundred' }).waitFor();
    expect(await outputText(cell(page, 1))).toContain('600');
    await cell(page, 1).getByText('Your version · saved').waitFor({ timeout: 10_000 });

    // The starter fails its tests, with the reason.
    const exercise = page.locator('#exercise-mean');
    await exercise.getByRole('button', { name: 'Check exercise mean' }).click();
    await exercise.locator('.check-result.fail').waitFor({ timeout: 30_000 });
    expect(await exercise.locator('.check-line').innerText()).toBe('✗ 2 of 2 tests failed.');
    expect(await exercise.locator('ul.tests li.fail').first().innerText()).toMatch(/mean of the data is 31\/6 — .*5\.16/);

    // Reveal shows the solution; writing a correct answer solves the exercise.
    await exercise.getByRole('button', { name: 'Reveal the solution of exercise mean' }).click();
    expect(await exercise.locator('.solution').innerText()).toContain('xs.reduce');
    await typeCode(page, exercise, 'function mean(xs: number[]): number {\nlet s = 0;\nfor (const x of xs) s += x;\nreturn s / xs.length;\n}');
    await exercise.getByRole('button', { name: 'Check exercise mean' }).click();
    await exercise.locator('.check-result.pass').waitFor({ timeout: 30_000 });
    expect(await exercise.locator('.check-line').innerText()).toBe('✓ All 2 tests passed.');
    expect(await exercise.locator('.exercise-status').innerText()).toBe('✓ Solved');
    await page.locator('.toolbar-progress').getByText('✓ Lesson complete').waitFor({ timeout: 10_000 });
    await exercise.getByText('Your version · saved').waitFor({ timeout: 10_000 });

    // After a reload the edits and the solved state are still there.
    await page.reload();
    await page.locator('#exercise-mean .exercise-status').getByText('✓ Solved').waitFor();
    await cell(page, 1).locator('.cm-content').waitFor();
    expect(await cell(page, 1).locator('.cm-content').innerText()).toContain("show(data.length * 100, 'times a hundred');");
    // Editors mount when they come within 600 px of the screen: scroll to the exercise, as a reader would.
    await exercise.scrollIntoViewIfNeeded();
    await exercise.locator('.cm-content').waitFor();
    expect(await exercise.locator('.cm-content').innerText()).toContain('for (const x of xs) s += x;');

    // Reset puts the lesson's code back, and the server forgets the edit.
    await cell(page, 1).getByRole('button', { name: 'Reset cell 1 to the original code' }).click();
    await expect.poll(() => cell(page, 1).locator('.cm-content').innerText()).toContain("show(data.length, 'how many');");
    await page.reload();
    await cell(page, 1).locator('.cm-content').waitFor();
    expect(await cell(page, 1).locator('.cm-content').innerText()).toContain("show(data.length, 'how many');");

    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('stops a cell that never ends, and the page keeps working', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/02-tables`);
    await typeCode(page, cell(page, 1), 'let n = 0;\nwhile (true) { n++; }');
    await cell(page, 1).getByRole('button', { name: 'Run cell 1' }).click();
    await cell(page, 1).getByText('Running…').waitFor();
    // The page is not frozen while the worker spins: the home link still responds to the DOM.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await cell(page, 1).getByRole('button', { name: 'Stop cell 1' }).click();
    await cell(page, 1).locator('pre.error').waitFor();
    expect(await cell(page, 1).locator('pre.error').innerText()).toBe('Cell 1 was stopped.');

    // A fresh worker runs the next thing.
    await typeCode(page, cell(page, 1), "table([{ n: 1, square: 1 }, { n: 2, square: 4 }]);");
    await page.keyboard.press('Shift+Enter');
    await cell(page, 1).locator('table').waitFor();
    expect(await cell(page, 1).locator('tbody tr').count()).toBe(2);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('stops a runaway cell at the time limit with a clear message', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/02-tables?timeLimit=2`);
    await typeCode(page, cell(page, 1), 'while (true) {}');
    await page.keyboard.press('Shift+Enter');
    await cell(page, 1).locator('pre.error').waitFor({ timeout: 20_000 });
    expect(await cell(page, 1).locator('pre.error').innerText())
      .toBe('Cell 1 ran past the 2 s time limit and was stopped. Is there a loop that never ends, or too much work for one cell?');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows a cell\'s error with its line, and runs the cells above a cell first', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/01-mean`);
    // Running cell 2 alone runs cell 1 first (it defines `data`).
    await cell(page, 2).getByRole('button', { name: 'Run cell 2' }).click();
    await cell(page, 2).locator('.chart-body svg').waitFor({ timeout: 60_000 });
    expect(await outputText(cell(page, 1))).toContain('6');
    await typeCode(page, cell(page, 2), 'const a = 1;\nconst b = a.notAFunction();');
    await page.keyboard.press('Shift+Enter');
    await cell(page, 2).locator('pre.error').waitFor();
    expect(await cell(page, 2).locator('pre.error').innerText()).toBe('Line 2: TypeError: a.notAFunction is not a function');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('has a table of contents linking to each section', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/01-mean`);
    const toc = page.getByRole('navigation', { name: 'On this page' });
    await toc.waitFor();
    expect(await toc.locator('li').allInnerTexts()).toEqual(['Gradient descent', 'Exercises', 'Summary']);
    await toc.getByRole('link', { name: 'Summary' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#summary');
    expect(await page.locator('h2#summary').innerText()).toBe('Summary');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('says which earlier cell failed when running a later one, with a link to it', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/01-mean`);
    await typeCode(page, cell(page, 1), 'throw new Error("broken on purpose");');
    // Run cell 2 from its own button: cell 1 runs first and fails.
    await cell(page, 2).getByRole('button', { name: 'Run cell 2' }).click();
    const blocked = cell(page, 2).locator('.blocked');
    await blocked.waitFor({ timeout: 30_000 });
    expect(await blocked.innerText()).toBe('Not run: cell 1 above ran first and failed. Fix it, then run this cell again.');
    expect(await blocked.locator('a').getAttribute('href')).toBe('#cell-1');
    expect(await cell(page, 1).locator('pre.error').innerText()).toContain('broken on purpose');
    // The exercise's check names it too.
    await page.locator('#exercise-mean').getByRole('button', { name: 'Check exercise mean' }).click();
    await page.locator('#exercise-mean .blocked').waitFor({ timeout: 30_000 });
    expect(await page.locator('#exercise-mean .blocked').innerText()).toContain('cell 1 above ran first and failed');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});

describe('the home page', () => {
  it('shows the curriculum by part, coming lessons, progress and search', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/`);
    await page.locator('.lesson-list').first().waitFor();
    expect(await page.locator('.part h2').allInnerTexts()).toEqual(['PART 1 Foundations', 'PART 2 Data']);
    const coming = page.locator('.lesson-item.coming');
    expect(await coming.locator('h3').innerText()).toContain('Calculus');
    // The tests above completed both lessons (02 has one cell and no exercise).
    expect((await page.locator('.lesson-item.done h3').allInnerTexts()).join(' | ')).toMatch(/The mean, by hand .* \| .*Tables of numbers/s);

    await page.getByLabel('Search the lessons').fill('squares');
    await page.locator('.hits li').first().waitFor();
    expect(await page.locator('.hits a').allInnerTexts()).toEqual(['02 · Tables of numbers']);
    await page.locator('.hits a').click();
    await page.waitForURL(/\/lessons\/02-tables$/);
    expect(await page.locator('h1').innerText()).toBe('Tables of numbers');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('answers an unknown lesson and an unknown playground with a friendly page', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/77-nothing`);
    await page.getByText('No lesson "77-nothing"').waitFor();
    await page.goto(`${app.url}/play/juggling`);
    await page.getByText('This playground is not available yet.').waitFor();
    // The failed lesson request logs a 404 in the console; nothing else may.
    expect(app.errors(page).filter((e) => !e.includes('404'))).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('fits a phone screen: no page-wide horizontal scrolling, code and charts scroll in place', async () => {
    const page = await app.newPage({ viewport: PHONE });
    for (const path of ['/', '/lessons/01-mean', '/play']) {
      await page.goto(`${app.url}${path}`);
      await page.locator('h1').first().waitFor();
      if (path.startsWith('/lessons')) {
        await page.getByRole('button', { name: '▶ Run all' }).click();
        await cell(page, 2).locator('.chart-body svg').waitFor({ timeout: 60_000 });
      }
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
      expect({ path, fits: widths.page <= widths.screen }).toEqual({ path, fits: true });
    }
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('works from the keyboard: skip link, then a cell runs with Shift+Enter from its editor', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/02-tables`);
    await cell(page, 1).locator('.cm-content').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    // Tab through the page until the first cell's editor has focus, then run it.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))) break;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Code of cell 1');
    await page.keyboard.press('Shift+Enter');
    await cell(page, 1).locator('table').waitFor();
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});
