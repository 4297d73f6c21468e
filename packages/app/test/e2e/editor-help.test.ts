/**
 * Editor help in the cells: TypeScript (in a worker that starts on the first focus, so the
 * page never loads it otherwise) shows type errors as the learner types, knowing the names
 * the cells above define; completion lists the library's exports with their documentation;
 * hover shows a name's type and docs; Tab indents (Esc then Tab leaves); and a cell's
 * `await import('descent/...')` works in the browser as a static import does.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { useApp } from './harness.js';

const app = useApp();

beforeEach(async () => {
  for (let i = 1; i <= 2; i++) await fetch(`${app.url}/api/lessons/01-mean/cells/${i}/edit`, { method: 'DELETE', headers: { 'x-descent-client': '1' } });
});

async function replaceCode(page: Page, cell: number, code: string): Promise<void> {
  const editor = page.locator(`#cell-${cell} .cm-content`);
  await editor.waitFor({ timeout: 20_000 });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(code);
}

describe('editor help', () => {
  it('loads TypeScript only on focus, then shows type errors, completion and hover docs', async () => {
    const page = await app.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${app.url}/lessons/01-mean`);
    await page.locator('#cell-2 .cm-content').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    expect(requested.filter((u) => u.includes('language-worker'))).toEqual([]);

    // `data` comes from cell 1: no error for it. A string where a number goes: an error.
    await replaceCode(page, 2, 'const n: number = data.length;\nconst wrong: number = "text";\n');
    const lint = page.locator('#cell-2 .cm-lintRange-error');
    await lint.first().waitFor({ timeout: 60_000 });
    expect(requested.some((u) => u.includes('language-worker'))).toBe(true);
    expect(await lint.count()).toBe(1);
    expect(await lint.innerText()).toBe('wrong');
    await lint.hover();
    const message = page.locator('.cm-tooltip-lint .cm-diagnostic-error');
    await message.waitFor({ timeout: 10_000 });
    expect(await message.innerText()).toMatch(/Type 'string' is not assignable to type 'number'/);

    // Completion of the library's exports, with their documentation.
    await replaceCode(page, 2, "import * as T from 'descent/tensor';\nconst z = T.zer");
    await page.keyboard.press('Control+Space');
    const option = page.locator('.cm-tooltip-autocomplete li', { hasText: /^zeros$/ });
    await option.waitFor({ timeout: 30_000 });
    const info = page.locator('.cm-completionInfo .cm-ts-detail');
    await info.waitFor({ timeout: 10_000 });
    expect(await info.innerText()).toMatch(/zeros\(/);
    // CodeMirror ignores Enter as "accept" for `interactionDelay` (75 ms) after the list opens
    // or updates, and then Enter is a newline (seen once in CI under load): wait for `zeros`
    // to be selected, then a little longer than that delay.
    await page.locator('.cm-tooltip-autocomplete li[aria-selected="true"]', { hasText: /^zeros$/ }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(200);
    await page.keyboard.press('Enter');
    expect(await page.locator('#cell-2 .cm-content').innerText()).toContain('const z = T.zeros');

    // Hover: a helper from the notebook's scope, and a library function with its JSDoc.
    await replaceCode(page, 2, "import { lossCurve } from 'descent/plot';\nshow(1, 'one');\nchart(lossCurve([1, 0.5]));");
    await page.locator('#cell-2 .cm-content').getByText('show').hover();
    const hover = page.locator('.cm-tooltip-hover .cm-ts-detail');
    await hover.waitFor({ timeout: 30_000 });
    expect(await hover.innerText()).toMatch(/^const show: \(value: unknown, label\?: string\) => void/);
    await page.mouse.move(0, 0);
    await hover.waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('#cell-2 .cm-line').nth(2).getByText('lossCurve').hover();
    await page.locator('.cm-tooltip-hover .cm-ts-documentation').waitFor({ timeout: 30_000 });
    expect(await hover.innerText()).toMatch(/^\(alias\) lossCurve\(history: LineData, options\?: LineOptions\): ChartSpec/);
    expect(await page.locator('.cm-tooltip-hover .cm-ts-documentation').innerText()).toMatch(/The loss of a training run per step[\s\S]*@example/);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('indents with Tab and leaves the editor with Esc then Tab', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/01-mean`);
    await replaceCode(page, 1, 'const data = [2, 4, 4, 5, 7, 9];');
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    expect(await page.locator('#cell-1 .cm-line').first().innerText()).toBe('  const data = [2, 4, 4, 5, 7, 9];');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(false);
    await page.context().close();
  }, 60_000);

  it('runs `await import(...)` of a library module in a cell', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/01-mean`);
    await replaceCode(page, 1, "const data = [2, 4, 4, 5, 7, 9];\nconst { zeros } = await import('descent/tensor');\nshow(zeros([2, 3]).size, 'size');");
    await page.keyboard.press('Shift+Enter');
    await page.locator('#cell-1 .output-label', { hasText: 'size' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#cell-1 .outputs').innerText()).toMatch(/size\s+6/);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);
});
