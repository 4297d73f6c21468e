/**
 * A fixture page (test/fixtures/<name>/) bundled by Vite's production build and served from
 * 127.0.0.1, with or without the cross-origin-isolation headers (COOP + COEP) that let a page
 * share memory with its workers. Used by threads.test.ts and by the bench's page group.
 *
 * @example
 * const site = await servePage('threads-page', { isolated: true });
 * await page.goto(site.url);
 * await site.close();
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { tempDir } from '../helpers.js';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** What `servePage` returns: the page's address and how to stop serving it. */
export interface ServedPage { url: string; close(): Promise<void> }

/** Builds test/fixtures/`name` with Vite into a temporary folder and serves it; `isolated` adds COOP and COEP, `csp` a Content-Security-Policy. */
export async function servePage(name: string, options: { isolated: boolean; csp?: string }): Promise<ServedPage> {
  const root = fileURLToPath(new URL(`../fixtures/${name}/`, import.meta.url));
  const out = tempDir(`descent-${name}-`);
  await build({ configFile: false, root, base: './', logLevel: 'error', build: { outDir: out.dir, emptyOutDir: true, target: 'es2022' } });
  const headers: Record<string, string> = options.isolated
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
  if (options.csp !== undefined) headers['content-security-policy'] = options.csp;
  const server: Server = createServer((req, res) => {
    const path = normalize(join(out.dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(out.dir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', ...headers });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: async () => {
      await new Promise((r) => server.close(r));
      out.cleanup();
    },
  };
}
