// The `stats` group of `npm run bench`: descent/timeseries and descent/stats against
// statsmodels and SciPy on the same inputs, in the same run, one thread. Three workloads:
//
//   ARIMA(2,1,2) fitted by exact likelihood on monthly CO₂ (526 months)
//   Holt–Winters (additive trend and season, period 12) with fitted parameters on CO₂
//   a BCa bootstrap interval of the mean from 10,000 resamples of 500 values
//
// Each row prints both sides' quality figure (log-likelihood, SSE, interval) beside the
// times, so a fast but different fit is visible. statsmodels/SciPy run under Debian's
// /usr/bin/python3 (bench/python/stats.py); without it only Descent's times are printed.
// Run alone: `npm run bench -- --only stats`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Generator } from '../packages/descent/src/random/index.js';
import { bootstrap } from '../packages/descent/src/stats/index.js';
import { ARIMA, ExponentialSmoothing, loadCo2 } from '../packages/descent/src/timeseries/index.js';
import { measure } from './timing.js';
import { PYTHON } from './python-inputs.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'python', 'stats.py');

export interface StatsMeasurement {
  task: 'arima' | 'holtwinters' | 'bootstrap';
  impl: 'descent' | 'statsmodels' | 'scipy';
  medianMs: number;
  cpuMedianMs: number;
  /** llf (ARIMA), SSE (Holt–Winters) or the [low, high] interval (bootstrap). */
  quality: number | number[];
}

export interface StatsBench {
  skipped: string | null;
  versions?: { statsmodels: string; scipy: string };
  results: StatsMeasurement[];
}

const mean = (x: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
};

export function benchStats(progress: (line: string) => void): StatsBench {
  const co2 = loadCo2().values;
  const g = new Generator(1);
  const sample = Array.from({ length: 500 }, () => g.normal(10, 3) ** 2 / 10); // skewed, so BCa matters
  const results: StatsMeasurement[] = [];
  const tasks = {
    arima: () => new ARIMA(co2, { order: [2, 1, 2] }).fit().llf,
    holtwinters: () => new ExponentialSmoothing(co2, { trend: 'add', seasonal: 'add', seasonalPeriods: 12 }).fit().sse,
    bootstrap: () => {
      const ci = bootstrap([sample], mean, { nResamples: 10000, method: 'BCa', generator: new Generator(0) }).confidenceInterval;
      return [ci.low, ci.high];
    },
  } as const;
  for (const [task, run] of Object.entries(tasks) as [StatsMeasurement['task'], () => number | number[]][]) {
    progress(`stats: ${task} (descent)`);
    const quality = run();
    const t = measure(run, { warmup: 1, reps: 5 });
    results.push({ task, impl: 'descent', medianMs: t.medianMs, cpuMedianMs: t.cpuMedianMs, quality });
  }
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found`, results };
  progress('stats: statsmodels and SciPy');
  const dir = mkdtempSync(join(os.tmpdir(), 'descent-stats-bench-'));
  const file = join(dir, 'inputs.json');
  writeFileSync(file, JSON.stringify({ co2, sample }));
  const r = spawnSync(PYTHON, [SCRIPT, file], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) return { skipped: `bench/python/stats.py failed: ${r.stderr.trim().split('\n').pop()}`, results };
  const py = JSON.parse(r.stdout) as Record<string, { medianMs: number; cpuMedianMs: number; quality: number | number[] }> & { statsmodels: string; scipy: string };
  for (const task of ['arima', 'holtwinters', 'bootstrap'] as const) {
    results.push({ task, impl: task === 'bootstrap' ? 'scipy' : 'statsmodels', ...py[task] });
  }
  return { skipped: null, versions: { statsmodels: py.statsmodels, scipy: py.scipy }, results };
}

const LABELS = { arima: 'ARIMA(2,1,2) fit, CO₂', holtwinters: 'Holt–Winters fit, CO₂', bootstrap: 'bootstrap BCa, 10,000 resamples' };

/** One row per task: Descent's and the anchor's CPU ms, anchor ÷ Descent, and both quality figures. */
export function statsTable(bench: StatsBench): string {
  const fmt = (q: number | number[]) => (Array.isArray(q) ? `[${q.map((v) => v.toFixed(4)).join(', ')}]` : q.toFixed(4));
  const lines = [`Statistics and time series, CPU ms (wall ms); ratio = anchor CPU ÷ Descent CPU (> 1: Descent faster).${bench.skipped ? ` Anchors skipped: ${bench.skipped}.` : ` statsmodels ${bench.versions?.statsmodels}, SciPy ${bench.versions?.scipy}.`}`];
  const header = ['task', 'descent', 'anchor', 'ratio', 'descent quality', 'anchor quality'];
  const rows = (['arima', 'holtwinters', 'bootstrap'] as const).map((task) => {
    const d = bench.results.find((m) => m.task === task && m.impl === 'descent');
    const a = bench.results.find((m) => m.task === task && m.impl !== 'descent');
    return [
      LABELS[task],
      d ? `${d.cpuMedianMs.toFixed(0)} (${d.medianMs.toFixed(0)})` : 'n/a',
      a ? `${a.cpuMedianMs.toFixed(0)} (${a.medianMs.toFixed(0)}) ${a.impl}` : 'n/a',
      d && a ? `${(a.cpuMedianMs / d.cpuMedianMs).toFixed(2)}×` : 'n/a',
      d ? fmt(d.quality) : 'n/a',
      a ? fmt(a.quality) : 'n/a',
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((x, c) => x.padEnd(widths[c])).join('  ');
  return [...lines, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// `npx tsx bench/stats.ts` runs this group alone
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(statsTable(benchStats((l) => console.error(`  ${l}`))));
}
