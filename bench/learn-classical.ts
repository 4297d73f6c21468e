// Classical ML on scikit-learn's digits (1,797 × 64, 10 classes), issue 11's speed targets:
// Descent, the ml.js packages in the same process, and scikit-learn in the same run when
// Debian's /usr/bin/python3 has it (bench/python/classical.py, one thread). Groups:
//
//   forest    RandomForestClassifier(100 trees) fit on the rows with i % 5 != 0 + predict the
//             rest; ml-random-forest (10 bagged ml-cart trees: 100 would take half an hour)
//             beside Descent's 10-tree forest, and one ml-cart tree beside one Descent tree
//   boosting  GradientBoostingClassifier and HistGradientBoostingClassifier fit, same split
//   kmeans    KMeans(10 clusters, 10 inits, k-means++) fit on all of digits, Lloyd and Elkan;
//             ml-kmeans (k-means++, run 10 times, the lowest inertia kept); quality = inertia
//   svc       SVC() (RBF, C = 1, gamma 'scale') fit + predict on all of digits; ml-svm is binary,
//             so it runs one-vs-one (45 machines) with the same γ; quality = training accuracy
//   tsne      TSNE (Barnes–Hut, perplexity 30, 'pca' init) on the first 1,000 digits;
//             quality = trustworthiness (k = 5) of the embedding
//
// Both Python and Node load the same digits (scikit-learn's load_digits; Descent ships the
// same array). The figure to quote is CPU time (process.cpuUsage / time.process_time): the
// machine is often shared. Run alone: `npm run bench -- --only forest,kmeans` or
// `npx tsx bench/learn-classical.ts forest kmeans`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DecisionTreeClassifier as CartClassifier } from 'ml-cart';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { RandomForestClassifier as MlRandomForest } from 'ml-random-forest';
import MlSvm from 'ml-svm';
import { loadDigits } from '../packages/descent/src/datasets/index.js';
import {
  DecisionTreeClassifier, GradientBoostingClassifier, HistGradientBoostingClassifier, KMeans, RandomForestClassifier, SVC, TSNE, trustworthiness,
} from '../packages/descent/src/learn/index.js';
import { measure } from './timing.js';
import { PYTHON } from './python-inputs.js';

export const CLASSICAL_GROUPS = ['forest', 'boosting', 'kmeans', 'svc', 'tsne'] as const;
export type ClassicalGroup = (typeof CLASSICAL_GROUPS)[number];

export interface ClassicalMeasurement {
  group: ClassicalGroup;
  task: string;
  impl: string;
  seconds: number;
  cpuSeconds: number;
  /** Held-out accuracy (forest, boosting), training accuracy (svc), inertia (kmeans), trustworthiness (tsne). */
  quality: number;
  note?: string;
}

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'python', 'classical.py');

function digits() {
  const { data, target } = loadDigits();
  const X = data as number[][];
  const y = Array.from(target as ArrayLike<number>);
  const test = (i: number) => i % 5 === 0;
  return {
    X, y,
    Xtr: X.filter((_, i) => !test(i)), ytr: y.filter((_, i) => !test(i)),
    Xte: X.filter((_, i) => test(i)), yte: y.filter((_, i) => test(i)),
  };
}

const accuracy = (pred: readonly unknown[], y: readonly number[]): number => pred.filter((p, i) => p === y[i]).length / y.length;

function inertia(X: number[][], centres: number[][]): number {
  let s = 0;
  for (const r of X) s += Math.min(...centres.map((c) => c.reduce((a, v, j) => a + (v - r[j]) ** 2, 0)));
  return s;
}

/** One row: times `run` (it returns the quality) with warm-up and repetitions chosen by its cost. */
function row(group: ClassicalGroup, task: string, impl: string, run: () => number, reps: number, note?: string): ClassicalMeasurement {
  let q = NaN;
  const t = measure(() => (q = run()), { warmup: reps > 1 ? 1 : 0, reps });
  return { group, task, impl, seconds: t.medianMs / 1000, cpuSeconds: t.cpuMedianMs / 1000, quality: q, ...(note ? { note } : {}) };
}

/** One-vs-one over binary ml-svm machines, majority vote (ties to the smaller class, as libsvm). */
function mlSvmOvo(X: number[][], y: number[], gamma: number): number[] {
  const classes = [...new Set(y)].sort((a, b) => a - b);
  const votes = X.map(() => new Array<number>(classes.length).fill(0));
  for (let a = 0; a < classes.length; a++) {
    for (let b = a + 1; b < classes.length; b++) {
      const rows = y.map((v, i) => (v === classes[a] || v === classes[b] ? i : -1)).filter((i) => i >= 0);
      // whitening off: it divides by each feature's standard deviation, 0 for digits' blank pixels.
      const svm = new MlSvm({ C: 1, tol: 1e-3, kernel: 'rbf', kernelOptions: { sigma: Math.sqrt(1 / (2 * gamma)) }, whitening: false, random: seeded(a * 16 + b) });
      svm.train(rows.map((i) => X[i]), rows.map((i) => (y[i] === classes[a] ? 1 : -1)));
      svm.predict(X).forEach((p, i) => votes[i][p > 0 ? a : b]++);
    }
  }
  return votes.map((v) => classes[v.indexOf(Math.max(...v))]);
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function descentAndMljs(group: ClassicalGroup, progress: (line: string) => void): ClassicalMeasurement[] {
  const d = digits();
  const out: ClassicalMeasurement[] = [];
  const step = (impl: string, task: string) => progress(`${task}: ${impl}`);
  switch (group) {
    case 'forest': {
      const task = 'RandomForest(100) fit+predict';
      step('descent', task);
      out.push(row(group, task, 'descent', () => accuracy(new RandomForestClassifier({ nEstimators: 100, randomState: 0 }).fit(d.Xtr, d.ytr).predict(d.Xte), d.yte), 3));
      // One full-depth ml-cart tree on these 1,437 rows takes ~17 s of CPU (it rescans the
      // samples for every candidate threshold), so 100 of them would take half an hour: the
      // ml.js forest runs 10 trees, each on a random 8 of the 64 features (its per-tree
      // subspace, the closest it has to per-split max_features = √64).
      step('ml-random-forest', 'RandomForest(10) fit+predict');
      out.push(row(group, 'RandomForest(10) fit+predict', 'ml-random-forest', () => {
        const rf = new MlRandomForest({ nEstimators: 10, maxFeatures: 8, replacement: false, useSampleBagging: true, noOOB: true, seed: 0 });
        rf.train(d.Xtr, d.ytr);
        return accuracy(rf.predict(d.Xte), d.yte);
      }, 1, '10 bagged ml-cart trees on 8 random features each'));
      step('descent', 'RandomForest(10) fit+predict');
      out.push(row(group, 'RandomForest(10) fit+predict', 'descent', () => accuracy(new RandomForestClassifier({ nEstimators: 10, randomState: 0 }).fit(d.Xtr, d.ytr).predict(d.Xte), d.yte), 3));
      const one = 'one decision tree fit+predict';
      step('descent', one);
      out.push(row(group, one, 'descent', () => accuracy(new DecisionTreeClassifier({ randomState: 0 }).fit(d.Xtr, d.ytr).predict(d.Xte), d.yte), 5));
      step('ml-cart', one);
      out.push(row(group, one, 'ml-cart', () => {
        const t = new CartClassifier({ minNumSamples: 2 });
        t.train(d.Xtr, d.ytr);
        return accuracy(t.predict(d.Xte), d.yte);
      }, 3));
      break;
    }
    case 'boosting': {
      step('descent', 'GradientBoosting fit');
      out.push(row(group, 'GradientBoosting fit', 'descent', () => {
        const m = new GradientBoostingClassifier({ randomState: 0 }).fit(d.Xtr, d.ytr);
        return accuracy(m.predict(d.Xte), d.yte);
      }, 1));
      step('descent', 'HistGradientBoosting fit');
      out.push(row(group, 'HistGradientBoosting fit', 'descent', () => {
        const m = new HistGradientBoostingClassifier({ randomState: 0 }).fit(d.Xtr, d.ytr);
        return accuracy(m.predict(d.Xte), d.yte);
      }, 1));
      break;
    }
    case 'kmeans': {
      for (const algorithm of ['lloyd', 'elkan'] as const) {
        const task = `KMeans(10, nInit 10) ${algorithm}`;
        step('descent', task);
        out.push(row(group, task, 'descent', () => new KMeans({ nClusters: 10, nInit: 10, algorithm, randomState: 0 }).fit(d.X).inertia_, 3));
      }
      step('ml-kmeans', 'KMeans lloyd');
      out.push(row(group, 'KMeans(10, nInit 10) lloyd', 'ml-kmeans', () => {
        let best = Infinity;
        for (let s = 0; s < 10; s++) best = Math.min(best, inertia(d.X, mlKmeans(d.X, 10, { seed: s, initialization: 'kmeans++' }).centroids));
        return best;
      }, 3, 'k-means++, 10 seeds, best inertia kept (inertia computed outside ml-kmeans, inside the timing)'));
      break;
    }
    case 'svc': {
      const task = 'SVC(rbf) fit+predict';
      step('descent', task);
      out.push(row(group, task, 'descent', () => accuracy(new SVC().fit(d.X, d.y).predict(d.X), d.y), 3));
      // gamma 'scale' = 1 / (nFeatures · Var(X)), the same γ for ml-svm.
      const flat = d.X.flat();
      const mean = flat.reduce((a, b) => a + b, 0) / flat.length;
      const gamma = 1 / (64 * (flat.reduce((a, b) => a + (b - mean) ** 2, 0) / flat.length));
      step('ml-svm', task);
      out.push(row(group, task, 'ml-svm', () => accuracy(mlSvmOvo(d.X, d.y, gamma), d.y), 1, 'binary SMO, one-vs-one over 45 pairs'));
      break;
    }
    case 'tsne': {
      const X = d.X.slice(0, 1000);
      const task = 't-SNE 1,000 digits (Barnes-Hut)';
      step('descent', task);
      out.push(row(group, task, 'descent', () => trustworthiness(X, new TSNE({ randomState: 0 }).fit(X).embedding_, 5), 1));
      break;
    }
  }
  return out;
}

/** scikit-learn's rows for these groups, or a reason they are missing. */
function sklearnRows(groups: ClassicalGroup[], progress: (line: string) => void): { rows: ClassicalMeasurement[]; skipped: string | null; version?: string } {
  if (!existsSync(PYTHON)) return { rows: [], skipped: `${PYTHON} not found (install Debian's python3-sklearn for these columns)` };
  progress(`scikit-learn: ${groups.join(', ')} (bench/python/classical.py, one thread)`);
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const run = spawnSync(PYTHON, [SCRIPT, ...groups], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  if (run.status !== 0) return { rows: [], skipped: `bench/python/classical.py failed: ${run.stderr.trim().split('\n').slice(-1)[0] ?? run.status}` };
  const parsed = JSON.parse(run.stdout) as { sklearn: string; results: ClassicalMeasurement[] };
  return { rows: parsed.results, skipped: null, version: parsed.sklearn };
}

export interface ClassicalResults { measurements: ClassicalMeasurement[]; sklearnSkipped: string | null; sklearn?: string }

export function benchClassical(groups: ClassicalGroup[], progress: (line: string) => void): ClassicalResults {
  const measurements = groups.flatMap((g) => descentAndMljs(g, progress));
  const sk = groups.length > 0 ? sklearnRows(groups, progress) : { rows: [], skipped: null };
  return { measurements: [...measurements, ...sk.rows], sklearnSkipped: sk.skipped, ...(sk.version ? { sklearn: sk.version } : {}) };
}

/** The printed table: per task every implementation's CPU and wall seconds, quality, and Descent's CPU time ÷ theirs. */
export function classicalTable(r: ClassicalResults): string {
  const lines = ['Classical ML on digits. CPU seconds (wall in brackets); ratio = Descent CPU time ÷ this row\'s (< 1: Descent faster).'];
  if (r.sklearn) lines.push(`scikit-learn ${r.sklearn}, one thread.`);
  const rows: string[][] = [['task', 'impl', 'cpu s', '(wall s)', 'quality', 'Descent ÷ this']];
  for (const m of r.measurements) {
    const ours = r.measurements.find((o) => o.task === m.task && o.impl === 'descent');
    const x = ours && m.impl !== 'descent' ? ours.cpuSeconds / m.cpuSeconds : null;
    const ratio = x === null ? '' : `${x < 0.1 ? x.toPrecision(2) : x.toFixed(2)}×`;
    const q = m.group === 'kmeans' ? m.quality.toFixed(1) : m.quality.toFixed(4);
    rows.push([m.task, m.impl, m.cpuSeconds.toFixed(3), `(${m.seconds.toFixed(3)})`, q, ratio]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((x) => x[c].length)));
  rows.forEach((x, i) => {
    lines.push(x.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '));
    if (i === 0) lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  });
  const notes = r.measurements.filter((m) => m.note).map((m) => `${m.impl}: ${m.note}`);
  if (notes.length > 0) lines.push(`Notes — ${[...new Set(notes)].join('; ')}.`);
  lines.push('Quality: held-out accuracy (forest, boosting; rows i % 5 == 0 held out), training accuracy (SVC), inertia (k-means, lower is better), trustworthiness k = 5 (t-SNE).');
  if (r.sklearnSkipped) lines.push(`scikit-learn rows skipped: ${r.sklearnSkipped}.`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2).filter((a): a is ClassicalGroup => (CLASSICAL_GROUPS as readonly string[]).includes(a));
  console.log(classicalTable(benchClassical(args.length > 0 ? args : [...CLASSICAL_GROUPS], (l) => console.error(`  ${l}`))));
}
