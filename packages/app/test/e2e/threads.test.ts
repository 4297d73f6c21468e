/**
 * Threads in the browser, on production builds in Chromium: `setNumThreads` splits large
 * matmuls over a pool of Web Workers — on a page's own thread (a plain page bundled by
 * Vite) and inside the app's cell worker (nested workers) — with results equal bit for bit
 * to one thread, and the workers load from `blob:` URLs with no request outside the page's
 * origin. Without cross-origin isolation, or without SharedArrayBuffer, products fall back
 * to one thread and say why. Speed is measured by the bench's page group, not here.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, useApp } from './harness.js';
import { servePage, type ServedPage } from './static-page.js';

/** What the fixture page's `descentThreads.check(threads)` returns. */
interface Check {
  crossOriginIsolated: boolean;
  sharedArrayBuffer: string;
  matmul: string;
  ready: number;
  info: { available: boolean; reason: string; workers: number; ready: number; splits: number };
  split: number;
  expectedSplit: number;
  unequal: string[];
  cases: number;
}

/** Opens the page, logs every request and page error, and runs the check with `threads` threads. */
async function runCheck(browser: Browser, site: ServedPage, threads: number, init?: () => void) {
  const page: Page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  const workers: string[] = [];
  page.on('request', (r) => void requests.push(r.url()));
  page.on('pageerror', (e) => void errors.push(e.message));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('worker', (w) => void workers.push(w.url()));
  if (init) await page.addInitScript(init);
  await page.goto(site.url);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', null, { timeout: 30_000 });
  const report = await page.evaluate((n) => (globalThis as unknown as { descentThreads: { check(n: number): Promise<unknown> } }).descentThreads.check(n), threads) as Check;
  await page.close();
  return { report, requests, errors, workers };
}

describe('threads in a plain page (Vite production build)', () => {
  let browser: Browser;
  let isolated: ServedPage;
  let plain: ServedPage;
  let noBlobWorkers: ServedPage;
  beforeAll(async () => {
    isolated = await servePage('threads-page', { isolated: true });
    plain = await servePage('threads-page', { isolated: false });
    // Scripts from the page's origin only: blob: workers are refused.
    noBlobWorkers = await servePage('threads-page', { isolated: true, csp: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await isolated?.close();
    await plain?.close();
    await noBlobWorkers?.close();
  });

  it('splits products over Web Workers on the page thread, bit for bit equal to one thread', async () => {
    const { report, requests, errors, workers } = await runCheck(browser, isolated, 3);
    expect(report.crossOriginIsolated).toBe(true);
    expect(report.matmul).toBe('wasm-simd');
    expect(report.info).toMatchObject({ available: true, reason: '', workers: 2, ready: 2 });
    // Every product large enough to split was split (the others ran on the page's thread).
    expect(report.expectedSplit).toBeGreaterThanOrEqual(report.cases);
    expect(report.split).toBe(report.expectedSplit);
    expect(report.unequal).toEqual([]);
    // The workers come from blob: URLs made by the bundle; nothing is fetched from elsewhere.
    expect(workers.length).toBe(2);
    expect(workers.every((u) => u.startsWith('blob:http://127.0.0.1'))).toBe(true);
    const origin = new URL(isolated.url).origin;
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:'))).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('falls back to one thread, with the same results, when the page is not cross-origin isolated', async () => {
    const { report, errors, workers } = await runCheck(browser, plain, 3);
    expect(report.crossOriginIsolated).toBe(false);
    expect(report.info).toMatchObject({ available: false, workers: 0, splits: 0 });
    expect(report.info.reason).toMatch(/not cross-origin isolated.*Cross-Origin-Opener-Policy: same-origin.*Cross-Origin-Embedder-Policy: require-corp/);
    expect(report.unequal).toEqual([]);
    expect(report.matmul).toBe('wasm-simd');
    expect(workers).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('falls back to one thread when SharedArrayBuffer is missing', async () => {
    const { report, errors, workers } = await runCheck(browser, isolated, 3, () => {
      delete (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer;
    });
    expect(report.sharedArrayBuffer).toBe('undefined');
    expect(report.info).toMatchObject({ available: false, reason: 'SharedArrayBuffer or Atomics is missing', workers: 0, splits: 0 });
    expect(report.unequal).toEqual([]);
    expect(workers).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('falls back to one thread, saying why, when a Content-Security-Policy refuses blob: workers', async () => {
    const { report } = await runCheck(browser, noBlobWorkers, 3);
    expect(report.crossOriginIsolated).toBe(true);
    expect(report.info).toMatchObject({ available: false, workers: 0, ready: 0 });
    expect(report.info.reason).toMatch(/a worker failed to start.*worker-src blob:/);
    expect(report.split).toBe(0);
    expect(report.unequal).toEqual([]);
    expect(report.matmul).toBe('wasm-simd');
  }, 120_000);
});

describe('threads in the app (production build)', () => {
  const app = useApp({}, 240_000);

  it('a lesson cell splits products over nested workers, bit for bit equal to one thread', async () => {
    const page = await app.newPage();
    const requests: string[] = [];
    page.on('request', (r) => void requests.push(r.url()));
    await page.goto(`${app.url}/lessons/01-mean`);
    const cell = page.locator('#cell-1');
    const editor = cell.locator('.cm-content').first();
    await editor.waitFor({ timeout: 20_000 });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText([
      "import { manualSeed, randn, setNumThreads, getNumThreads, threadPoolInfo } from 'descent/tensor';",
      'const cores = getNumThreads(), atStart = threadPoolInfo();',
      'manualSeed(3);',
      'const A = randn([300, 200]), B = randn([200, 260]);',
      'setNumThreads(1);',
      'const one = A.matmul(B).toTypedArray();',
      'setNumThreads(3);',
      'A.matmul(B); // starts the pool; its workers start when this worker yields',
      'for (let i = 0; i < 400 && threadPoolInfo().ready < 2; i++) await new Promise((r) => setTimeout(r, 25));',
      'const before = threadPoolInfo().splits;',
      'const three = A.matmul(B).toTypedArray();',
      'const info = threadPoolInfo();',
      'const equal = one.every((v, i) => Object.is(v, three[i]));',
      "show(JSON.stringify({ cores, atStart, isolated: self.crossOriginIsolated, ...info, used: info.splits - before, equal }), 'threads');",
    ].join('\n'));
    await page.keyboard.press('Shift+Enter');
    const output = cell.locator('.outputs').first();
    await output.getByText('"equal"').waitFor({ timeout: 60_000 }).catch(async (e: unknown) => {
      throw new Error(`the cell printed no report: ${await cell.innerText()}`, { cause: e });
    });
    const report = JSON.parse(/\{.*\}/.exec(await output.innerText())![0]) as Record<string, unknown>;
    // The default is the browser's core count (navigator.hardwareConcurrency in the worker).
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(report.cores).toBe(cores);
    // The cell worker started the pool before the first cell: its workers were ready when it ran.
    expect(report.atStart).toMatchObject({ available: true, workers: cores - 1, ready: cores - 1 });
    expect(report).toMatchObject({ isolated: true, available: true, workers: 2, ready: 2, used: 1, equal: true });
    // Nothing comes from outside this server: the cells run in a frame on its other loopback name.
    const runnerOrigin = app.url.replace('127.0.0.1', 'localhost');
    expect(requests.filter((u) => !u.startsWith(app.url) && !u.startsWith(runnerOrigin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(requests.some((u) => u.startsWith(`${runnerOrigin}/assets/cell-worker`))).toBe(true);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});
