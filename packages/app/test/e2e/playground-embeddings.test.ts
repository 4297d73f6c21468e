/**
 * The embedding explorer in a real browser, on the production build (loading, the phone's
 * width and control names are checked for every playground in playgrounds.test.ts): Word2Vec
 * trains in a Web Worker on the shipped e-mails; the neighbours, an analogy and the PCA picture
 * follow the queries, and the URL keeps them. The expected words are what lesson 32 shows for
 * the same seed (the same float64 SGD runs in Node and in Chromium).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './harness.js';
import { openPlayground, pixels, snap } from './playground-helpers.js';

const app = useApp({}, 240_000);

async function open(query = ''): Promise<Page> {
  const page = await openPlayground(app, 'embeddings', query);
  await page.locator('[data-testid=status][data-ready=true]').waitFor({ timeout: 90_000 });
  return page;
}

const items = async (page: Page, id: string): Promise<string[]> =>
  (await page.getByTestId(id).locator('li').allInnerTexts()).map((t) => t.replace(/ \(.*\)$/, ''));

describe('embedding explorer in the browser', () => {
  it('trains in a worker, then shows neighbours, an analogy and a picture that follow the queries', async () => {
    const page = await open('?word=mortgage');
    expect(await page.getByTestId('status').innerText()).toMatch(/1,045 words have vectors/);
    const near = await items(page, 'neighbours');
    expect(near).toHaveLength(10);
    expect(near).toContain('refinance');
    expect(near).toContain('loan');
    const canvas = page.getByTestId('embedding-canvas');
    const before = await pixels(canvas);

    await page.getByRole('button', { name: 'Neighbours of python' }).click();
    await expect.poll(() => items(page, 'neighbours')).toContain('guido');
    expect(await pixels(canvas)).not.toBe(before);
    expect(new URL(page.url()).searchParams.get('word')).toBe('python');
    await snap(page, 'embeddings-laptop');

    // The default analogy: ILUG is the Irish Linux list; the SpamAssassin lists are -talk and -devel.
    expect((await items(page, 'analogy'))[0]).toBe('talk');
    await page.getByLabel('a', { exact: true }).fill('mortgage');
    await page.getByLabel('is to b', { exact: true }).fill('refinance');
    await page.getByLabel('as c', { exact: true }).fill('nope');
    await page.getByRole('button', { name: 'Solve' }).click();
    await expect.poll(() => page.getByTestId('analogy-error').innerText()).toMatch(/"nope" is not in the vocabulary/);
    expect(await items(page, 'analogy')).toEqual([]);
    expect(new URL(page.url()).searchParams.get('c')).toBe('nope');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 180_000);
});
