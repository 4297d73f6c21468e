/**
 * The app's speed figures for the README: how much JavaScript the first page load fetches
 * (gzip and brotli, as a server would send it), what the parts loaded on demand weigh, and
 * how long a lesson page takes to become interactive on this machine (median of 5 loads in
 * headless Chromium against the local server, a fresh browser context each time).
 *
 *   npm run measure -w @descent/app [-- lesson-id]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { DIST_DIR, ensureClientBuilt } from '../src/build.js';
import { startApp } from '../test/e2e/harness.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const lessonId = process.argv[2] ?? '03-calculus';

await ensureClientBuilt({ log: (line) => console.log(line) });

const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
const sizes = (file: string) => {
  const data = readFileSync(join(DIST_DIR, file));
  return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length, brotli: brotliCompressSync(data).length };
};

// What the first load of any page fetches: index.html's script and its module preloads, and CSS.
const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const total = { raw: 0, gzip: 0, brotli: 0 };
console.log('\nFirst load (every page):');
for (const file of initial) {
  const s = sizes(file);
  total.raw += s.raw; total.gzip += s.gzip; total.brotli += s.brotli;
  console.log(`  ${file.padEnd(40)} ${kb(s.raw).padStart(8)} raw ${kb(s.gzip).padStart(7)} gzip ${kb(s.brotli).padStart(7)} brotli`);
}
const initialJs = initial.filter((f) => f.endsWith('.js')).map(sizes).reduce((a, s) => ({ gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { gzip: 0, brotli: 0 });
console.log(`  total ${kb(total.raw)} raw, ${kb(total.gzip)} gzip; JavaScript alone ${kb(initialJs.gzip)} gzip, ${kb(initialJs.brotli)} brotli`);

console.log('\nLoaded on demand (largest chunks):');
const assets = readdirSync(join(DIST_DIR, 'assets')).filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`))
  .sort((a, b) => statSync(join(DIST_DIR, 'assets', b)).size - statSync(join(DIST_DIR, 'assets', a)).size).slice(0, 8);
for (const f of assets) {
  const s = sizes(`assets/${f}`);
  console.log(`  ${f.padEnd(40)} ${kb(s.raw).padStart(8)} raw ${kb(s.gzip).padStart(7)} gzip`);
}

const app = await startApp({ lessonsDir: join(root, 'lessons') });
const interactive: number[] = [];
const firstRun: number[] = [];
try {
  for (let i = 0; i < 5; i++) {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/${lessonId}`, { waitUntil: 'commit' });
    // Interactive: the first cell's editor accepts input and its Run button works.
    await page.locator('#cell-1 .cm-content').waitFor({ timeout: 30_000 });
    interactive.push(await page.evaluate(() => performance.now()));
    // The first run includes starting the worker and loading the modules the cell imports.
    const started = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Run cell 1', exact: true }).click();
    await page.locator('#cell-1.done, #cell-1.error').waitFor({ timeout: 60_000 });
    firstRun.push(await page.evaluate(() => performance.now()) - started);
    await page.context().close();
  }
} finally {
  await app.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nLesson ${lessonId}, median of 5 loads (${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}):`);
console.log(`  interactive (editor mounted, Run works): ${median(interactive).toFixed(0)} ms after navigation [${interactive.map((x) => x.toFixed(0)).join(', ')}]`);
console.log(`  first cell run (worker start + imports): ${median(firstRun).toFixed(0)} ms [${firstRun.map((x) => x.toFixed(0)).join(', ')}]`);
