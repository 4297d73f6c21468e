/**
 * The fast kernels are active in the browser, in the app's production build and in a plain
 * page that bundles the library: `descent` declares `"sideEffects": false`, so a bundler may
 * drop any registration done by an import side effect (it did: the page ran everything on the
 * reference loops). Checked where the library runs: a lesson cell (the cell worker), a
 * playground (the page's own thread), and a page built by Vite from a short entry. In each,
 * matmul runs on the WebAssembly SIMD kernels (loaded from the bundle, no fetch).
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { launchChromium, useApp } from './harness.js';
import { tempDir } from '../helpers.js';

const app = useApp({}, 240_000);

/** What the page or worker reports: how many kernels are registered and who runs matmul. */
interface Report { kernels: number; matmul: string }

describe('fast kernels in the browser', () => {
  it('a lesson cell (the cell worker) dispatches to them', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/01-mean`);
    const cell = page.locator('#cell-1');
    const editor = cell.locator('.cm-content').first();
    await editor.waitFor({ timeout: 20_000 });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText([
      "import { kernelFor, listKernels, randn } from 'descent/tensor';",
      'randn([32, 16]).matmul(randn([16, 8]));',
      "show(JSON.stringify({ kernels: listKernels().length, matmul: kernelFor('matmul', 'float32') }), 'kernels');",
    ].join('\n'));
    await page.keyboard.press('Shift+Enter');
    const output = cell.locator('.outputs').first();
    await output.getByText('"kernels"').waitFor({ timeout: 30_000 });
    const report = JSON.parse(/\{.*\}/.exec(await output.innerText())![0]) as Report;
    expect(report.kernels).toBeGreaterThan(0);
    expect(report.matmul).toBe('wasm-simd');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('a playground (the page thread) dispatches to them', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/play/nn?dataset=xor&layers=4,3&act=relu&lr=0.01`);
    await page.locator('.pg').waitFor({ timeout: 30_000 });
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 2, null, { timeout: 30_000 });
    await page.getByTestId('play').click();
    const report = await page.evaluate(async () => {
      const r = await (globalThis as unknown as { descentKernels(): Promise<{ registered: unknown[]; matmul: { float32: string } }> }).descentKernels();
      return { kernels: r.registered.length, matmul: r.matmul.float32 };
    });
    expect(report.kernels).toBeGreaterThan(0);
    expect(report.matmul).toBe('wasm-simd');
    expect(app.errors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('a plain page that bundles the package with Vite dispatches to them', async () => {
    const root = fileURLToPath(new URL('../fixtures/plain-page/', import.meta.url));
    const out = tempDir('descent-plain-page-');
    let server: Server | undefined;
    const browser = await launchChromium();
    try {
      await build({ configFile: false, root, base: './', logLevel: 'error', build: { outDir: out.dir, emptyOutDir: true, target: 'es2022' } });
      server = await serveStatic(out.dir);
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/index.html`);
      await page.waitForFunction(() => document.getElementById('result')?.textContent !== 'running', null, { timeout: 30_000 });
      const report = JSON.parse(await page.locator('#result').innerText()) as Report & { shape: number[]; maxDiff: number };
      expect(report.shape).toEqual([64, 16]);
      expect(report.kernels).toBeGreaterThan(0);
      expect(report.matmul).toBe('wasm-simd');
      // Same numbers as the reference, within float32 summation error (32 terms of size ~1).
      expect(report.maxDiff).toBeLessThan(1e-5);
    } finally {
      await browser.close();
      await new Promise((r) => (server ? server.close(r) : r(undefined)));
      out.cleanup();
    }
  }, 120_000);
});

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** Serves `dir` on a free port of 127.0.0.1 (files only, no listing). */
async function serveStatic(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(dir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}
