/**
 * descent/distributed in the browser: `spawn` runs ranks as module Web Workers that share one
 * SharedArrayBuffer, on a plain page bundled by Vite (production build) in Chromium. The
 * collectives equal the one-thread computation (integer data, so exactly) for 1–4 ranks and
 * lengths longer than the 7-element mailboxes; without cross-origin isolation, spawn refuses
 * with an error that says what to do.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './harness.js';
import { servePage, type ServedPage } from './static-page.js';

interface Check { ranks: number; mismatches: string[]; error?: string }

async function open(browser: Browser, site: ServedPage): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => void errors.push(e.message));
  await page.goto(site.url);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', null, { timeout: 30_000 });
  return { page, errors };
}

const check = (page: Page, w: number, n: number) =>
  page.evaluate(([a, b]) => (globalThis as unknown as { descentDistributed: { check(w: number, n: number): Promise<unknown> } }).descentDistributed.check(a!, b!), [w, n]) as Promise<Check>;

describe('descent/distributed over Web Workers (Vite production build, Chromium)', () => {
  let browser: Browser;
  let isolated: ServedPage;
  let plain: ServedPage;
  beforeAll(async () => {
    isolated = await servePage('distributed-page', { isolated: true });
    plain = await servePage('distributed-page', { isolated: false });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await isolated?.close();
    await plain?.close();
  });

  it('collectives on 1-4 Web Workers equal the one-thread computation', async () => {
    const { page, errors } = await open(browser, isolated);
    for (const w of [1, 2, 3, 4]) {
      for (const n of [1, 5, 29]) {
        const r = await check(page, w, n);
        expect(r.error, `w=${w} n=${n}`).toBeUndefined();
        expect(r.ranks).toBe(w);
        expect(r.mismatches, `w=${w} n=${n}`).toEqual([]);
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('without cross-origin isolation spawn says how to fix it', async () => {
    const { page } = await open(browser, plain);
    const r = await check(page, 2, 5);
    expect(r.error).toMatch(/spawn: SharedArrayBuffer is not available here \(in a page, serve it cross-origin isolated\); use spawnLocal/);
    await page.close();
  }, 120_000);
});
