/**
 * A cell that holds too much tensor memory gets an error in the cell, and the page keeps
 * working: the cell worker caps tensor storage (descent/tensor's setMemoryLimit; the app's
 * default is 2 GiB, `?memoryLimit=64` makes it 64 MiB so the test allocates little).
 */
import { describe, expect, it } from 'vitest';
import { useApp } from './harness.js';

const app = useApp();

describe('the memory cap', () => {
  it('reports a cell that holds too many tensors, and the next cell still runs', async () => {
    await fetch(`${app.url}/api/lessons/01-mean/cells/1/edit`, { method: 'DELETE', headers: { 'x-descent-client': '1' } });
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/01-mean?memoryLimit=64`);
    const cell1 = page.locator('#cell-1');
    const editor = cell1.locator('.cm-content');
    await editor.waitFor({ timeout: 20_000 });
    await editor.click();
    await page.keyboard.press('Control+A');
    // 100 tensors of 4 MiB each, all kept: 400 MiB, past the 64 MiB cap at the 17th.
    await page.keyboard.insertText("import { zeros } from 'descent/tensor';\nconst keep = [];\nfor (let i = 0; i < 100; i++) keep.push(zeros([1024, 1024]));\nshow(keep.length, 'kept');");
    await page.keyboard.press('Shift+Enter');
    const error = cell1.locator('.outputs .error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.innerText()).toMatch(/^Line 3: MemoryLimitError: Out of memory for tensors: a float32 tensor of 1,048,576 elements needs 4\.0 MiB, and the tensors still alive hold 64\.0 MiB of this thread's 64\.0 MiB limit\./);
    expect(await cell1.locator('.cell-status').innerText()).toBe('✗ Error');

    // The page and the worker still work: the next cell runs (and, first, a fixed cell 1).
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText("const data = [2, 4, 4, 5, 7, 9];\nshow(data.length, 'how many');");
    await page.locator('#cell-2').getByRole('button', { name: 'Run cell 2' }).click();
    await page.locator('#cell-2 .chart-body svg').waitFor({ timeout: 60_000 });
    expect(await page.locator('#cell-2 .outputs').innerText()).toMatch(/m after 50 steps\s+5\.16/);
    expect(app.errors(page)).toEqual([]);
    await fetch(`${app.url}/api/lessons/01-mean/cells/1/edit`, { method: 'DELETE', headers: { 'x-descent-client': '1' } });
    await page.context().close();
  }, 180_000);
});
