// PyTorch and scikit-learn columns for `npm run bench`: the same workloads, on the same
// inputs, in the same run, timed by bench/python/anchors.py under Debian's /usr/bin/python3
// (python3-torch, python3-sklearn), one thread. Without that Python the table says so and
// the columns are skipped; nothing else in the bench needs Python.
//
// The inputs (standardized digits for the MLP and LogisticRegression, the CNN's 10,000
// images, raw digits for k-NN) are written as raw arrays to a temporary directory that the
// script reads, so both sides train on identical numbers. Descent's figures come from the
// other groups of the same run (matmul, training, linear); the k-NN workload here (fit on
// all of digits, predict all of digits, as the issue states it) is timed in this module.
//
// Run alone: `npm run bench -- --only python` (then only the k-NN row has a Descent figure
// unless other groups are selected too).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDigits } from '../packages/descent/src/datasets/index.js';
import { KNeighborsClassifier, StandardScaler } from '../packages/descent/src/learn/index.js';
import type { LinearMeasurement } from './learn.js';
import type { Measurement } from './measurement.js';
import { PYTHON, writeArrays } from './python-inputs.js';
import { measure } from './timing.js';
import { cnnTask, digitsTask, type TrainingMeasurement } from './training.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'python', 'anchors.py');

export type AnchorWorkload = 'matmul' | 'mlp' | 'cnn' | 'logistic' | 'knn';

export interface AnchorResult {
  workload: AnchorWorkload;
  impl: 'pytorch' | 'scikit-learn' | 'descent';
  /** Median (or single-run, for training) wall seconds, and this process's CPU seconds. */
  seconds: number;
  cpuSeconds: number;
  /** GFLOP/s for matmul. */
  value?: number;
  quality?: number;
  finalLoss?: number;
  finalAccuracy?: number;
  note?: string;
}

export interface PythonAnchors {
  /** Why the columns are missing (no Python, no torch/sklearn, the script failed), or null. */
  skipped: string | null;
  torch?: string;
  sklearn?: string;
  threads?: number;
  openblasCoretype?: string | null;
  results: AnchorResult[];
  /** Descent's k-NN fit + predict on all of digits, timed here. */
  descentKnn?: AnchorResult;
}

/** Writes the inputs as raw little-endian arrays plus manifest.json. */
function writeInputs(dir: string): void {
  const mlp = digitsTask();
  const cnn = cnnTask();
  const { Xtr, ytr, Xte, yte } = logisticSplit();
  const { data, target } = loadDigits();
  writeArrays(dir, {
    mlpX: [mlp.X, [mlp.y.length, 64]],
    mlpY: [mlp.y, [mlp.y.length]],
    cnnX: [cnn.X, [cnn.y.length, 784]],
    cnnY: [cnn.y, [cnn.y.length]],
    logXtr: [Float64Array.from(Xtr.flat()), [Xtr.length, 64]],
    logYtr: [Int32Array.from(ytr), [ytr.length]],
    logXte: [Float64Array.from(Xte.flat()), [Xte.length, 64]],
    logYte: [Int32Array.from(yte), [yte.length]],
    knnX: [Float64Array.from((data as number[][]).flat()), [data.length, 64]],
    knnY: [Int32Array.from(target as number[]), [target.length]],
  });
}

/** bench/learn.ts's split: rows with i % 4 == 0 held out, standardized with the training rows' scaler. */
function logisticSplit() {
  const { data, target } = loadDigits();
  const test = (i: number) => i % 4 === 0;
  const Xtr0 = (data as number[][]).filter((_, i) => !test(i));
  const scaler = new StandardScaler().fit(Xtr0);
  return {
    Xtr: scaler.transform(Xtr0) as number[][], ytr: (target as number[]).filter((_, i) => !test(i)),
    Xte: scaler.transform((data as number[][]).filter((_, i) => test(i))) as number[][], yte: (target as number[]).filter((_, i) => test(i)),
  };
}

/** Descent's side of the k-NN workload: KNeighborsClassifier(5) fit on all of digits, predict all of digits. */
function descentKnn(): AnchorResult {
  const { data, target } = loadDigits();
  let pred: unknown[] = [];
  const t = measure(() => (pred = new KNeighborsClassifier({ nNeighbors: 5 }).fit(data, target).predict(data)), { warmup: 1, reps: 5 });
  return { workload: 'knn', impl: 'descent', seconds: t.medianMs / 1000, cpuSeconds: t.cpuMedianMs / 1000,
    quality: pred.filter((p, i) => p === target[i]).length / target.length, note: 'brute force, matmul filter' };
}

/** Runs the anchors; never throws: a missing or failing Python becomes `skipped`. */
export function benchPythonAnchors(progress: (line: string) => void): PythonAnchors {
  progress('k-NN fit + predict on digits: descent');
  const knn = descentKnn();
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found (install Debian's python3-torch and python3-sklearn for these columns)`, results: [], descentKnn: knn };
  const probe = spawnSync(PYTHON, ['-c', 'import torch, sklearn'], { encoding: 'utf8' });
  if (probe.status !== 0) return { skipped: `${PYTHON} cannot import torch and sklearn (install python3-torch and python3-sklearn)`, results: [], descentKnn: knn };
  const dir = mkdtempSync(join(os.tmpdir(), 'descent-bench-'));
  try {
    writeInputs(dir);
    progress('PyTorch and scikit-learn (bench/python/anchors.py, one thread)');
    const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    const run = spawnSync(PYTHON, [SCRIPT, dir], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
    if (run.status !== 0) return { skipped: `bench/python/anchors.py failed: ${run.stderr.trim().split('\n').slice(-1)[0] ?? run.status}`, results: [], descentKnn: knn };
    return { skipped: null, ...(JSON.parse(run.stdout) as Omit<PythonAnchors, 'skipped'>), descentKnn: knn };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Descent's figure for each workload, from this run's other groups. */
function descentFigures(a: PythonAnchors, matmul: Measurement[], training: TrainingMeasurement[], linear: LinearMeasurement[]): Map<AnchorWorkload, AnchorResult> {
  const out = new Map<AnchorWorkload, AnchorResult>();
  const mm = matmul.find((m) => m.group === 'matmul' && m.op === 'matmul' && m.dtype === 'float32' && m.size === 1024 && m.impl === 'descent');
  if (mm?.value != null && mm.medianMs != null) {
    out.set('matmul', { workload: 'matmul', impl: 'descent', seconds: mm.medianMs / 1000, cpuSeconds: (mm.cpuMedianMs ?? mm.medianMs) / 1000, value: mm.value });
  }
  for (const task of ['mlp', 'cnn'] as const) {
    const t = training.find((m) => m.task === task && m.impl === 'descent');
    if (t?.seconds != null) out.set(task, { workload: task, impl: 'descent', seconds: t.seconds, cpuSeconds: t.cpuSeconds ?? t.seconds, finalLoss: t.finalLoss ?? undefined, finalAccuracy: t.finalAccuracy ?? undefined });
  }
  const lr = linear.find((m) => m.task === 'logistic digits' && m.impl === 'descent');
  if (lr) out.set('logistic', { workload: 'logistic', impl: 'descent', seconds: lr.ms / 1000, cpuSeconds: lr.cpuMs / 1000, quality: lr.quality, note: lr.note });
  if (a.descentKnn) out.set('knn', a.descentKnn);
  return out;
}

const LABELS: Record<AnchorWorkload, string> = {
  matmul: 'matmul float32 n=1024 (GFLOP/s)',
  mlp: 'MLP 64-128-10, digits, 20 epochs',
  cnn: 'CNN, 10,000 images, 1 epoch',
  logistic: 'LogisticRegression, digits',
  knn: 'KNeighborsClassifier(5) fit+predict',
};

/**
 * The table: each workload's Descent and anchor figures (seconds, or GFLOP/s for matmul),
 * CPU seconds beside them, and the speed ratio anchor time ÷ Descent time (> 1: Descent
 * faster), by wall and by CPU time.
 */
export function pythonTable(a: PythonAnchors, matmul: Measurement[], training: TrainingMeasurement[], linear: LinearMeasurement[]): string {
  const lines: string[] = [];
  if (a.skipped !== null) {
    lines.push(`PyTorch / scikit-learn columns skipped: ${a.skipped}.`);
    if (a.descentKnn) lines.push(`Descent KNeighborsClassifier(5) fit+predict on digits: ${a.descentKnn.seconds.toFixed(3)} s (CPU ${a.descentKnn.cpuSeconds.toFixed(3)} s).`);
    return lines.join('\n');
  }
  lines.push(`Against PyTorch ${a.torch} and scikit-learn ${a.sklearn} (${a.threads} thread; OPENBLAS_CORETYPE ${a.openblasCoretype ?? 'unset'}). `
    + 'Seconds (GFLOP/s for matmul); speed = anchor ÷ Descent time (> 1: Descent faster).');
  const ours = descentFigures(a, matmul, training, linear);
  const rows: string[][] = [['workload', 'anchor lib', 'Descent', 'cpu', 'anchor', 'cpu', 'speed', 'speed (cpu)']];
  const fmt = (r: AnchorResult | undefined, cpu = false): string => {
    if (!r) return '—';
    if (r.workload === 'matmul') return cpu ? (2 * 1024 ** 3 / r.cpuSeconds / 1e9).toFixed(1) : (r.value ?? 0).toFixed(1);
    return (cpu ? r.cpuSeconds : r.seconds).toFixed(3);
  };
  for (const w of ['matmul', 'mlp', 'cnn', 'logistic', 'knn'] as const) {
    const anchor = a.results.find((r) => r.workload === w);
    const d = ours.get(w);
    const ratio = (cpu: boolean): string => {
      if (!anchor || !d) return '—';
      const x = cpu ? anchor.cpuSeconds / d.cpuSeconds : anchor.seconds / d.seconds;
      return `${x.toFixed(2)}×`;
    };
    rows.push([LABELS[w], anchor?.impl ?? '—', fmt(d), fmt(d, true), fmt(anchor), fmt(anchor, true), ratio(false), ratio(true)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [i, r] of rows.entries()) {
    lines.push(r.map((x, c) => (c < 2 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  '));
    if (i === 0) lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  const quality = a.results.filter((r) => r.finalAccuracy !== undefined || r.quality !== undefined)
    .map((r) => `${r.workload} ${r.impl}: ${(r.finalAccuracy ?? r.quality)!.toFixed(4)}${r.note ? ` (${r.note})` : ''}`);
  if (quality.length > 0) lines.push(`Anchor accuracy (training data for mlp/cnn, held out for logistic): ${quality.join('; ')}.`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const a = benchPythonAnchors((l) => console.error(`  ${l}`));
  console.log(pythonTable(a, [], [], []));
}
