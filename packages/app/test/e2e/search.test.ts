/**
 * Search and the links between lessons and playgrounds, on the repository's lessons: a result
 * shows its excerpt with rendered math and the words marked, and opens the lesson scrolled to
 * the section the server named; a lesson links to its playground and the playground back.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../src/shared/api.js';
import { useApp } from './harness.js';

const lessonsDir = fileURLToPath(new URL('../../../../lessons/', import.meta.url));
const app = useApp({ lessonsDir: join(lessonsDir) });

describe('search', () => {
  it('shows math and marks in the results, and lands on the matching section', async () => {
    const { hits } = await (await fetch(`${app.url}/api/search?q=chain%20rule`)).json() as { hits: SearchHit[] };
    const top = hits[0]!;
    expect(top.section).toBeDefined();

    const page = await app.newPage();
    await page.goto(`${app.url}/`);
    await page.getByLabel('Search the lessons').fill('chain rule');
    const first = page.locator('ul.hits li').first();
    await first.waitFor({ timeout: 10_000 });
    expect(await page.locator('ul.hits .hit-excerpt .katex').count()).toBeGreaterThan(0);
    expect(await first.locator('mark').allInnerTexts()).toEqual(expect.arrayContaining(['chain', 'rule']));
    expect(await first.locator('a').innerText()).toContain(`› ${top.section!.title}`);
    if (process.env.DESCENT_SCREENSHOTS) await page.screenshot({ path: join(process.env.DESCENT_SCREENSHOTS, 'search.png') });

    await first.locator('a').click();
    await page.waitForURL(`${app.url}/lessons/${top.id}#${top.section!.id}`);
    const heading = page.locator(`[id="${top.section!.id}"]`);
    await heading.waitFor();
    await page.waitForTimeout(300);
    const box = (await heading.boundingBox())!;
    // Just below the sticky toolbar, at the top of the screen.
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(200);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('links a lesson to its playground and the playground back', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/25-convolutional-networks`);
    await page.locator('.lesson-header .related').getByRole('link', { name: 'Convolution' }).click();
    await page.waitForURL(`${app.url}/play/convolution`);
    const back = page.locator('.related').getByRole('link', { name: /^25 / });
    await back.waitFor({ timeout: 10_000 });
    await back.click();
    await page.waitForURL(`${app.url}/lessons/25-convolutional-networks`);
    await page.locator('h1').waitFor();
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});
