// The package as another project gets it: build and `npm pack` it, install the tarball into
// a scratch project (offline: it has no dependencies), then import every module from plain
// Node ESM, type-check a consumer with TypeScript's NodeNext resolution and the strict flags
// (skipLibCheck off, so our declaration files are checked too), and bundle a browser page with
// esbuild and run it in Chromium. Slow (a tsc build, ~1 min on 2 cores), so it is one file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const NAME = '@descent-ml/descent';
const workspace = JSON.parse(readFileSync(join(REPO, 'packages/descent/package.json'), 'utf8')) as { exports: Record<string, string> };
const SUBPATHS = Object.keys(workspace.exports).map((k) => k.slice(2)); // './tensor' -> 'tensor'
const BROWSER_SUBPATHS = SUBPATHS.filter((s) => s !== 'node');

const tmp = mkdtempSync(join(tmpdir(), 'descent-pack-'));
const project = join(tmp, 'consumer');
let tarball = '';

function run(cmd: string, args: string[], cwd = project): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  tarball = run(process.execPath, [join(REPO, 'packages/descent/scripts/build-package.mjs'), '--pack', tmp], REPO).trim().split('\n').pop()!;
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball]);
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds the build and its manifest, no sources or tests', () => {
    const files = run('tar', ['tzf', tarball]).split('\n').filter(Boolean);
    expect(files).toContain('package/package.json');
    expect(files).toContain('package/tensor/index.js');
    expect(files).toContain('package/tensor/index.d.ts');
    expect(files).toContain('package/LICENSE');
    expect(files.filter((f) => /\.test\.|\/test\/|fixtures|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules', NAME, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.name).toBe(NAME);
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.peerDependenciesMeta).toEqual({ '@duckdb/node-api': { optional: true }, 'better-sqlite3': { optional: true }, vega: { optional: true }, 'vega-lite': { optional: true }, pg: { optional: true } });
    for (const s of SUBPATHS) expect((manifest.exports as Record<string, unknown>)[`./${s}`]).toEqual({ types: `./${s}/index.d.ts`, import: `./${s}/index.js` });
    expect(existsSync(join(project, 'node_modules/vega'))).toBe(false); // an optional peer is not installed
  });

  it('imports every module from plain Node ESM, and renderSvg asks for Vega until it is installed', () => {
    const script = `
      ${SUBPATHS.map((s, i) => `import * as m${i} from '${NAME}/${s}';`).join('\n')}
      import { tensor } from '${NAME}/tensor';
      import { LinearRegression } from '${NAME}/learn';
      import { lineChart, renderSvg } from '${NAME}/plot';
      const counts = [${SUBPATHS.map((_, i) => `Object.keys(m${i}).length`).join(', ')}];
      const fit = new LinearRegression().fit([[0], [1], [2]], [1, 3, 5]);
      let svg;
      try { svg = await renderSvg(lineChart([3, 1, 0.5])); } catch (e) { svg = 'error: ' + e.message; }
      console.log(JSON.stringify({ counts, sum: tensor([1, 2, 3]).sum().item(), coef: fit.coef_, svg: svg.slice(0, 200) }));
    `;
    writeFileSync(join(project, 'check.mjs'), script);
    const without = JSON.parse(run(process.execPath, ['check.mjs'])) as { counts: number[]; sum: number; coef: number[]; svg: string };
    expect(without.counts.every((n) => n > 0)).toBe(true);
    expect(without.sum).toBe(6);
    expect(without.coef[0]).toBeCloseTo(2, 10);
    expect(without.svg).toMatch(/^error: renderSvg needs the optional peer dependencies vega and vega-lite.*npm install vega vega-lite/);
    // With the peers installed (linked from this repository's node_modules), it renders.
    for (const dep of ['vega', 'vega-lite']) symlinkSync(join(REPO, 'node_modules', dep), join(project, 'node_modules', dep), 'dir');
    const withVega = JSON.parse(run(process.execPath, ['check.mjs'])) as { svg: string };
    expect(withVega.svg).toMatch(/^<svg/);
  });

  it('type-checks a consumer with NodeNext and the strict flags, declaration files included', () => {
    const ts = `
      ${SUBPATHS.map((s, i) => `import * as m${i} from '${NAME}/${s}';`).join('\n')}
      import { tensor, type Tensor } from '${NAME}/tensor';
      import { LogisticRegression } from '${NAME}/learn';
      import { Linear } from '${NAME}/nn';
      import { Adam } from '${NAME}/optim';
      const t: Tensor = tensor([[1, 2], [3, 4]]);
      const model = new LogisticRegression({ C: 0.5 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
      const p: number[][] = model.predictProba([[1.5]]);
      const layer = new Linear(2, 1);
      const opt = new Adam(layer.parameters(), { lr: 0.01 });
      export const used = [${SUBPATHS.map((_, i) => `m${i}`).join(', ')}, t, p, opt];
      // @ts-expect-error: the options are typed, so a snake_case name is caught at compile time too
      new Adam(layer.parameters(), { weight_decay: 0.1 });
    `;
    writeFileSync(join(project, 'consumer.ts'), ts);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', lib: ['ES2023', 'DOM'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
        noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: false,
        types: ['node'], typeRoots: [join(REPO, 'node_modules/@types')],
      },
      files: ['consumer.ts'],
    }));
    // vega's own declarations are not ours to check: without the optional peers installed the
    // plot module's declarations must not need them.
    rmSync(join(project, 'node_modules/vega'), { force: true });
    rmSync(join(project, 'node_modules/vega-lite'), { force: true });
    const r = spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  it('bundles for the browser with esbuild (no Node built-ins) and runs in Chromium', async () => {
    // The WebAssembly convolution, pooling and relu on a batch they take in several chunks
    // (6 × 6 × 48 × 48, as test/nn/conv-fast.test.ts checks against PyTorch): the page must
    // run the same kernels and get what the installed package gets in Node.
    const convCheck = `
      await kernelsReady();
      setNumThreads(1);
      const formula = (shape, f) => tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)), { shape });
      const x = formula([6, 6, 48, 48], (i) => Math.sin(0.37 * i + 0.1)).requiresGrad_();
      const w = formula([4, 6, 3, 3], (i) => Math.cos(0.53 * i) / 4).requiresGrad_();
      const out = F.maxPool2d(F.relu(F.conv2d(x, w, null, { padding: 1 })), 2);
      out.mul(formula([...out.shape], (i) => Math.cos(0.11 * i))).sum().backward();
      const conv = { kernel: kernelFor('conv2d', 'float32'), out: out.sum().item(), gx: x.grad.abs().sum().item(), gw: Array.from(w.grad.toTypedArray()).slice(0, 8) };
    `;
    const inNode = `import { tensor, kernelFor, kernelsReady, setNumThreads } from '${NAME}/tensor';
      import { F } from '${NAME}/nn';
      ${convCheck}
      console.log(JSON.stringify(conv));`;
    writeFileSync(join(project, 'conv-node.mjs'), inNode);
    const node = JSON.parse(run(process.execPath, ['conv-node.mjs'])) as Record<string, unknown>;
    expect(node.kernel).toBe('wasm-simd');
    const entry = `
      ${BROWSER_SUBPATHS.map((s, i) => `import * as m${i} from '${NAME}/${s}';`).join('\n')}
      import { tensor, kernelFor, kernelsReady, setNumThreads } from '${NAME}/tensor';
      import { F } from '${NAME}/nn';
      import { makeMoons } from '${NAME}/datasets';
      import { KNeighborsClassifier } from '${NAME}/learn';
      (async () => {
        const { X, y } = makeMoons({ nSamples: 60, noise: 0.1, randomState: 0 });
        const acc = new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y).score(X, y);
        const modules = [${BROWSER_SUBPATHS.map((_, i) => `m${i}`).join(', ')}].map((m) => Object.keys(m).length);
        ${convCheck}
        document.title = JSON.stringify({ sum: tensor([1, 2, 3]).sum().item(), acc, modules, conv });
      })().catch((e) => { document.title = JSON.stringify({ error: String(e) }); });
    `;
    writeFileSync(join(project, 'entry.js'), entry);
    run(join(REPO, 'node_modules/.bin/esbuild'), ['entry.js', '--bundle', '--platform=browser', '--format=iife', '--outfile=bundle.js', '--log-level=error']);
    writeFileSync(join(project, 'index.html'), '<!doctype html><title>loading</title><script src="bundle.js"></script>');
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${join(project, 'index.html')}`);
      await page.waitForFunction(() => document.title !== 'loading', undefined, { timeout: 30_000 });
      const result = JSON.parse(await page.title()) as { sum: number; acc: number; modules: number[]; conv: Record<string, unknown>; error?: string };
      expect(result.error).toBeUndefined();
      expect(result.conv).toEqual(node); // the same kernels, one thread each: the same bits
      expect(errors).toEqual([]);
      expect(result.sum).toBe(6);
      expect(result.acc).toBeGreaterThan(0.9);
      expect(result.modules.every((n) => n > 0)).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
