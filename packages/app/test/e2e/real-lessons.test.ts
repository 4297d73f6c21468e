/**
 * The repository's own lessons in the browser: every lesson file opens with its prose, math
 * and cells, and "Run all" runs every cell without an error in the cell worker, for the
 * first two lessons (every lesson with DESCENT_E2E_ALL_LESSONS=1: about 10 s a lesson on two
 * cores, too long for every CI run; the terminal runner checks them all in Node anyway).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listLessonFiles } from '@descent/lessons/node';
import { describe, expect, it } from 'vitest';
import { useApp } from './harness.js';

const lessonsDir = fileURLToPath(new URL('../../../../lessons/', import.meta.url));
const ids = listLessonFiles(lessonsDir).map((f) => f.split('/').pop()!.replace(/\.md$/, ''));
const runAll = process.env.DESCENT_E2E_ALL_LESSONS === '1' ? ids : ids.slice(0, 2);

const app = useApp({ lessonsDir: join(lessonsDir) });

describe('the real lessons in the browser', () => {
  it('finds lessons to test', () => {
    expect(ids.length).toBeGreaterThan(0);
  });

  it('every lesson opens with its title, math and cells', async () => {
    const page = await app.newPage();
    for (const id of ids) {
      await page.goto(`${app.url}/lessons/${id}`);
      await page.locator('.toolbar').waitFor();
      expect({ id, cells: await page.locator('section.cell, section.exercise').count() > 0 }).toEqual({ id, cells: true });
      expect({ id, problems: await page.locator('.notice.warn').count() }).toEqual({ id, problems: 0 });
    }
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  for (const id of runAll) {
    it(`${id}: Run all runs every cell without an error`, async () => {
      const page = await app.newPage();
      await page.goto(`${app.url}/lessons/${id}`);
      await page.locator('.toolbar').waitFor();
      const cells = await page.locator('section.cell').count();
      await page.getByRole('button', { name: '▶ Run all' }).click();
      await page.waitForFunction(() => document.querySelector('.toolbar-status')?.textContent === ''
        && document.querySelectorAll('section.cell.queued, section.cell.running').length === 0, null, { timeout: 150_000, polling: 250 });
      const errors = await page.locator('section.cell.error').evaluateAll((els) => els.map((e) => `${e.id}: ${e.querySelector('pre.error')?.textContent}`));
      expect(errors).toEqual([]);
      expect(await page.locator('section.cell.done').count()).toBe(cells);
      expect(app.errors(page)).toEqual([]);
      await page.context().close();
    }, 180_000);
  }
});
