/**
 * A cell that exhausts the worker's heap with plain JavaScript arrays (which the tensor cap
 * does not count) kills only the cell runner's process: the app runs its cells in a frame on
 * its other loopback name (the page is on 127.0.0.1, the runner on localhost), which
 * Chromium's site isolation puts in a renderer process of its own. The page notices the
 * missing heartbeat, tells the cell it ran out of memory, and starts a fresh runner.
 *
 * The browser runs with V8's old space capped at 512 MiB (`--js-flags`), so the cell reaches
 * the limit after a few hundred MB rather than the default of several GB.
 *
 * Playwright takes the frame's crash for the page's (`page.on('crash')`) and then refuses to
 * evaluate in the page, so the test reads and drives the page over its own CDP session.
 */
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR } from '../../src/build.js';
import { buildServer } from '../../src/server/index.js';
import { FIXTURE_LESSONS, tempDir } from '../helpers.js';
import { CHROMIUM, CHROMIUM_ARGS, useApp } from './harness.js';

const app = useApp();
let browser: Browser;

beforeAll(async () => {
  // descent.test is the class server's name in the last test.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
    args: [...CHROMIUM_ARGS, '--js-flags=--max-old-space-size=512', '--host-resolver-rules=MAP descent.test 127.0.0.1'] });
});
afterAll(async () => {
  await browser?.close();
});

/** Evaluates `expression` in the page over CDP (works after Playwright has marked the page crashed). */
async function evaluate<T>(cdp: CDPSession, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
  if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as T;
}

/** Polls `expression` until it is truthy. */
async function until<T>(cdp: CDPSession, expression: string, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await evaluate<T>(cdp, expression);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function typeInCell(page: Page, index: number, code: string): Promise<void> {
  const editor = page.locator(`#cell-${index} .cm-content`);
  await editor.waitFor({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(code);
}

describe('a cell that exhausts the memory', () => {
  it('is told it ran out of memory, the page stays alive, and the next cell runs', async () => {
    await fetch(`${app.url}/api/lessons/01-mean/cells/1/edit`, { method: 'DELETE', headers: { 'x-descent-client': '1' } });
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(e.message));
    let crashes = 0;
    page.on('crash', () => void crashes++);
    const cdp = await context.newCDPSession(page);
    await page.goto(`${app.url}/lessons/01-mean`);

    // The cells run on the other loopback name, cross-origin isolated (the engine's threads work).
    await typeInCell(page, 1, "show(JSON.stringify({ origin: self.location.origin, isolated: self.crossOriginIsolated }), 'where');");
    await page.keyboard.press('Shift+Enter');
    await page.locator('#cell-1 .outputs').getByText('isolated').waitFor({ timeout: 60_000 });
    const where = JSON.parse(/\{.*\}/.exec(await page.locator('#cell-1 .outputs').innerText())![0]) as { origin: string; isolated: boolean };
    expect(where).toEqual({ origin: app.url.replace('127.0.0.1', 'localhost'), isolated: true });
    const runners = () => page.frames().filter((f) => f.url().includes('/runner.html')).length;
    expect(runners()).toBe(1);

    // A mark on the page's window: still there afterwards means the page was never reloaded.
    await page.evaluate(() => void ((window as unknown as { mark: number }).mark = 42));
    await typeInCell(page, 1, 'const hoard = [];\nfor (;;) hoard.push(new Array(1e6).fill(Math.random()));');
    await page.keyboard.press('Shift+Enter');
    const message = await until<string>(cdp, "document.querySelector('#cell-1 .outputs .error')?.innerText", 90_000);
    expect(message).toMatch(/^Cell 1 ran out of memory and the cell runner was restarted, so the earlier cells' variables are gone: run the earlier cells again\. .*plain JavaScript arrays count too/);
    expect(await evaluate(cdp, "document.querySelector('#cell-1 .cell-status').innerText")).toBe('✗ Error');
    // Only the runner's process died (Playwright reports it as a crash of the page).
    expect(crashes).toBe(1);
    expect(await evaluate(cdp, 'window.mark')).toBe(42);

    // The page still works: cell 2 runs (after cell 1, fixed), in a fresh runner.
    await evaluate(cdp, "document.querySelector('#cell-1 .cm-content').focus()");
    const ctrlA = { key: 'a', code: 'KeyA', windowsVirtualKeyCode: 65, modifiers: 2 };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...ctrlA });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...ctrlA });
    await cdp.send('Input.insertText', { text: 'const data = [2, 4, 4, 5, 7, 9];' });
    expect(await evaluate(cdp, "document.querySelector('#cell-1 .cm-content').innerText")).toBe('const data = [2, 4, 4, 5, 7, 9];');
    await evaluate(cdp, `document.querySelector('#cell-2 button[aria-label="Run cell 2"]').click()`);
    const output = await until<string>(cdp, "document.querySelector('#cell-2 .chart-body svg') && document.querySelector('#cell-2 .outputs').innerText", 90_000);
    expect(output).toMatch(/m after 50 steps\s+5\.16/);
    expect(runners()).toBe(1); // the dead frame was replaced, not kept
    expect(errors).toEqual([]);
    await fetch(`${app.url}/api/lessons/01-mean/cells/1/edit`, { method: 'DELETE', headers: { 'x-descent-client': '1' } });
    await context.close();
  }, 240_000);
});

describe('a page not on a loopback name', () => {
  it('runs its cells in a worker of its own process, as before (no second name to frame)', async () => {
    // A class server: the learners open it by a name that is not loopback (here mapped to
    // 127.0.0.1 by Chromium's resolver, and accepted by the server as its --host).
    const tmp = tempDir('descent-e2e-class-');
    const server = await buildServer({ dbPath: join(tmp.dir, 'descent.db'), lessonsDir: FIXTURE_LESSONS, clientDir: DIST_DIR, listenHost: 'descent.test' });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as { port: number };
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      page.on('pageerror', (e) => void errors.push(e.message));
      await page.goto(`http://descent.test:${port}/lessons/01-mean`);
      await typeInCell(page, 1, "show(self.location.origin, 'where');");
      await page.keyboard.press('Shift+Enter');
      await page.locator('#cell-1 .outputs').getByText('descent.test').waitFor({ timeout: 60_000 });
      expect(page.frames().filter((f) => f.url().includes('/runner.html'))).toEqual([]);
      expect(page.workers().some((w) => w.url().startsWith(`http://descent.test:${port}/assets/cell-worker`))).toBe(true);
      // Chromium ignores COOP on plain http: off loopback, and says so; nothing else is logged.
      expect(errors.filter((e) => !e.startsWith('The Cross-Origin-Opener-Policy header has been ignored'))).toEqual([]);
    } finally {
      await context.close();
      await server.close();
      tmp.cleanup();
    }
  }, 120_000);
});
