/**
 * The production build under the server's security headers: the page is cross-origin isolated
 * (so `SharedArrayBuffer` exists for the engine's threads), and everything the page does —
 * KaTeX, CodeMirror, the cell worker evaluating code, vega-embed drawing a chart — works
 * under the Content-Security-Policy without one violation.
 */
import { describe, expect, it } from 'vitest';
import { useApp } from './harness.js';

const app = useApp();

describe('the page under its security headers', () => {
  it('is cross-origin isolated, and runs cells, draws charts and edits code with no CSP violation', async () => {
    const page = await app.newPage();
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => void violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
      });
    });
    await page.goto(`${app.url}/lessons/01-mean`);
    await page.locator('h1').waitFor();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
    expect(await page.locator('.prose .katex').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: '▶ Run all' }).click();
    await page.locator('#cell-2 .chart-body svg').waitFor({ timeout: 60_000 });
    expect(await page.locator('#cell-2 .outputs').first().innerText()).toMatch(/m after 50 steps\s+5\.16/);
    await page.locator('#cell-1 .cm-content').waitFor({ timeout: 20_000 });

    // The worker is isolated too, so threads started from it can share memory.
    const workerIsolated = await page.evaluate(() => new Promise((resolve) => {
      const w = new Worker(URL.createObjectURL(new Blob(['postMessage(self.crossOriginIsolated)'], { type: 'text/javascript' })));
      w.onmessage = (e) => resolve(e.data);
      w.onerror = () => resolve('worker failed');
    }));
    expect(workerIsolated).toBe(true);

    expect(violations).toEqual([]);
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('cannot be framed by another page', async () => {
    const res = await fetch(`${app.url}/lessons/01-mean`);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
