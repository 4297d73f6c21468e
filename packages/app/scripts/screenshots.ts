/**
 * Takes the README's screenshots: the home page and a lesson after "Run all" (and, with
 * --playgrounds, each playground), at laptop (1280×800) and phone (390×844) sizes, into
 * docs/screenshots/ or the folder given.
 *
 *   npx tsx packages/app/scripts/screenshots.ts [--playgrounds] [outDir]
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { LAPTOP, PHONE, startApp } from '../test/e2e/harness.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const args = process.argv.slice(2);
const withPlaygrounds = args.includes('--playgrounds');
const out = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, 'docs', 'screenshots'));
mkdirSync(out, { recursive: true });

const app = await startApp({ lessonsDir: join(root, 'lessons') });
const shoot = async (page: Page, name: string, fullPage = false) => {
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
  console.log(`${name}.png`);
};
try {
  for (const [size, viewport] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
    const page = await app.newPage({ viewport });
    await page.goto(`${app.url}/`);
    await page.waitForSelector('.lesson-list');
    await shoot(page, `home-${size}`);

    await page.goto(`${app.url}/lessons/03-calculus`);
    await page.waitForSelector('.toolbar');
    await page.getByRole('button', { name: '▶ Run all' }).click();
    await page.waitForFunction(() => document.querySelector('.toolbar-status')?.textContent === '', null, { timeout: 120_000 });
    await page.waitForSelector('.chart-body svg', { timeout: 30_000 });
    // The first cell with the prose just above it and the start of its output below.
    await page.evaluate(() => {
      const top = document.querySelector('#cell-1')!.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, top - 240);
    });
    await page.waitForTimeout(300);
    await shoot(page, `lesson-${size}`);

    for (const name of withPlaygrounds ? ['nn', 'optimizers', 'boundaries', 'convolution'] : []) {
      await page.goto(`${app.url}/play/${name}`);
      await page.waitForTimeout(2500);
      await shoot(page, `play-${name}-${size}`);
    }
    const errors = app.errors(page);
    if (errors.length > 0) console.log(`${size}: console errors:\n${errors.join('\n')}`);
    await page.context().close();
  }
} finally {
  await app.close();
}
