/**
 * The pre-render build step (scripts/prerender.ts) over a real lesson, end to end: it runs
 * lesson 05 with the terminal runner, writes the file, and the server hands the page every
 * plain cell's outputs. One lesson is enough here: packages/lessons/test/lessons.test.ts puts
 * every lesson's CI run through the same transform (src/server/prerender-run.ts), so no
 * lesson runs twice. In the slow group: the run costs about 3 s of CPU (user + sys, measured under load).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listLessonFiles } from '@descent/lessons/node';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../src/server/catalog.js';
import { buildServer } from '../src/server/index.js';
import type { PrerenderedLesson } from '../src/server/prerendered.js';
import { tempDir } from './helpers.js';

const LESSONS = fileURLToPath(new URL('../../../lessons/', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../scripts/prerender.ts', import.meta.url));
const ID = '05-probability';
const tmp = tempDir('descent-prerender-real-');
afterAll(() => tmp.cleanup());

const prerender = () => spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--lessons', LESSONS, '--out', tmp.dir, ID.slice(0, 2)], { encoding: 'utf8' });

/** Every non-integer number in `value`, to check the 6-digit rounding. */
function fractions(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) out.push(value);
  else if (Array.isArray(value)) for (const v of value) fractions(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) fractions(v, out);
  return out;
}

describe('pre-rendering a real lesson', () => {
  it('runs it, writes its outputs, and the server gives the page every plain cell', async () => {
    const run = prerender();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${ID}: \\d+ cells \\(`));
    const data = JSON.parse(readFileSync(join(tmp.dir, `${ID}.json`), 'utf8')) as PrerenderedLesson;
    expect(data.failure).toBeUndefined();
    const charts = data.cells.flatMap((c) => c.outputs).filter((o) => o.kind === 'chart');
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      expect(chart.svg).toBe('');
      for (const x of fractions(chart.spec)) expect(Number(x.toPrecision(6))).toBe(x);
    }

    const app = await buildServer({ dbPath: ':memory:', lessonsDir: LESSONS, clientDir: join(tmp.dir, 'no-client'), prerenderedDir: tmp.dir });
    try {
      const served = (await app.inject({ method: 'GET', url: `/api/lessons/${ID}/prerendered` })).json<{ generatedAt: string; cells: { index: number; outputs: { kind: string; text?: string }[] }[] }>();
      const plain = new Catalog(LESSONS).get(ID)!.view.cells.filter((c) => c.role === 'code').map((c) => c.index);
      expect(served.generatedAt).toBe(data.generatedAt);
      expect(served.cells.map((c) => c.index)).toEqual(plain);
      // Computed by the run, not written down: SciPy 1.10 gives norm.ppf(0.975) = 1.959963984540054.
      const texts = served.cells.flatMap((c) => c.outputs).map((o) => o.text ?? '').join('\n');
      expect(texts).toMatch(/norm\.ppf\(0\.975\) = 1\.95996398454005\d*; binom\.ppf\(0\.5, 10, 0\.3\) = 3\b/);
    } finally {
      await app.close();
    }

    // An unchanged lesson is not run again.
    const again = prerender();
    expect(again.status).toBe(0);
    expect(again.stdout.trim()).toBe(`${ID}: up to date`);
  }, 120_000);

  it('covers every lesson the server lists: the build step and the server find the same files', () => {
    const script = listLessonFiles(LESSONS).map((f) => basename(f, '.md'));
    expect(script.length).toBeGreaterThan(40);
    expect(new Catalog(LESSONS).ids()).toEqual(script);
  });
});
