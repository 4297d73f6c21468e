// `npm run bench`: Descent against a plain loop, tfjs (cpu and wasm backends) and
// ml-matrix, all single-threaded, in one process so the ratios compare like with like.
//
// Prints two tables (matmul in GFLOP/s, elementwise in M elements/s), each with the ratio
// Descent ÷ anchor, and writes every measurement to bench/results/latest.json plus a
// timestamped copy. Timings are medians of several repetitions after warm-up
// (bench/timing.ts); run on a quiet machine for numbers worth quoting.
//
// A third table times whole training runs (bench/training.ts). `npm run bench -- --only
// training` (or matmul, elementwise, knn) runs one group alone. A fourth table is k-NN
// cross-validation against ml-knn (bench/learn-knn.ts). The last table puts PyTorch and
// scikit-learn beside Descent on the same workloads when Debian's python3 has them
// (bench/python-anchors.ts; `--only python` for that group alone). The page group runs the
// matmul and lesson 29 in Chromium against Node when Chromium is installed (bench/page.ts).
// The classical-ML groups (forest, boosting, kmeans, svc, tsne; bench/learn-classical.ts) put
// Descent, the ml.js packages and scikit-learn side by side on digits, CPU time with accuracy
// beside it. The rl group steps CartPole and times PPO solving it (bench/rl.ts). The distributed
// group trains the CNN data-parallel on 1 and 2 worker threads, beside PyTorch's DDP when
// Debian's python3 has torch (bench/distributed.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDescent } from './descent.js';
import { benchElementwise, ELEMENTWISE_SIZE } from './elementwise.js';
import { benchMatmul } from './matmul.js';
import { IMPL_LABELS, type ImplId, type Measurement, type Ratio } from './measurement.js';
import { initTfjs } from './tfjs.js';
import { benchTraining, trainingNotes, trainingTable, type TrainingMeasurement } from './training.js';
import { benchLearnLinear, linearTable, type LinearMeasurement } from './learn.js';
import { benchLearnKnn, knnTable, type KnnMeasurement } from './learn-knn.js';
import { benchPythonAnchors, pythonTable, type PythonAnchors } from './python-anchors.js';
import { benchDistributed, distributedTable, type DistributedBench } from './distributed.js';
import { benchPage, pageTable, type PageBench } from './page.js';
import { benchClassical, CLASSICAL_GROUPS, classicalTable, type ClassicalResults } from './learn-classical.js';
import { benchRl, rlTable, type RlMeasurement } from './rl.js';

import { benchStats, statsTable, type StatsBench } from './stats.js';

const GROUPS = ['matmul', 'elementwise', 'training', 'knn', 'linear', 'python', 'page', 'rl', 'stats', 'distributed', ...CLASSICAL_GROUPS] as const;
type Group = (typeof GROUPS)[number] | 'mlp' | 'cnn';

/** `--only <group>[,<group>]` picks groups (`mlp` or `cnn` alone: one training task); default all. */
function selectedGroups(argv: string[]): Set<Group> {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return new Set([...GROUPS, 'mlp', 'cnn']);
  const value = argv[at].includes('=') ? argv[at].slice('--only='.length) : argv[at + 1] ?? '';
  const names = value.split(',').filter(Boolean);
  const bad = names.filter((n) => ![...GROUPS, 'mlp', 'cnn'].includes(n));
  if (names.length === 0 || bad.length > 0) throw new Error(`bench: --only takes ${GROUPS.join(', ')}, mlp or cnn (comma-separated); got '${value}'`);
  const groups = new Set(names as Group[]);
  if (groups.has('training')) { groups.add('mlp'); groups.add('cnn'); }
  if (groups.has('mlp') || groups.has('cnn')) groups.add('training');
  return groups;
}

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

async function main(): Promise<void> {
  const groups = selectedGroups(process.argv.slice(2));
  const started = new Date();
  const progress = (line: string): void => console.error(`  ${line}`);
  const descent = await loadDescent();
  const tfjs = await initTfjs();
  const machine = {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    totalMemoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    // Load average before the run: a busy machine makes every number noisier and lower.
    loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
  };
  console.log(`${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, `
    + `load average ${machine.loadAverage.join(' ')}`);
  console.log(`tfjs ${tfjs.version}; wasm backend: SIMD ${tfjs.wasmSimd ? 'on' : 'off'}, `
    + `${tfjs.wasmThreads} thread(s). Descent matmul via ${descent.matmulVia}.`);
  if (machine.loadAverage[0] > 0.5 * machine.cores) {
    console.log(`Warning: the machine is busy (load ${machine.loadAverage[0]} on ${machine.cores} cores); `
      + 'timings will be low and noisy. Compare medianMs with cpuMedianMs in the JSON.');
  }
  console.error('Running (progress on stderr)…');

  const measurements = [
    ...(groups.has('matmul') ? await benchMatmul(descent, progress) : []),
    ...(groups.has('elementwise') ? await benchElementwise(descent, progress) : []),
  ];
  const tasks = (['mlp', 'cnn'] as const).filter((t) => groups.has(t));
  const training: TrainingMeasurement[] = tasks.length > 0 ? await benchTraining(progress, [...tasks]) : [];
  const knn: KnnMeasurement[] = groups.has('knn') ? await benchLearnKnn(progress) : [];
  const linear: LinearMeasurement[] = groups.has('linear') ? await benchLearnLinear(progress) : [];
  const python: PythonAnchors | null = groups.has('python') ? benchPythonAnchors(progress) : null;
  const page: PageBench | null = groups.has('page') ? await benchPage(progress) : null;
  const classicalGroups = CLASSICAL_GROUPS.filter((g) => groups.has(g));
  const classical: ClassicalResults | null = classicalGroups.length > 0 ? benchClassical(classicalGroups, progress) : null;
  const rl: RlMeasurement[] | null = groups.has('rl') ? await benchRl(progress) : null;
  const stats: StatsBench | null = groups.has('stats') ? benchStats(progress) : null;
  const distributed: DistributedBench | null = groups.has('distributed') ? await benchDistributed(progress) : null;
  const ratios = computeRatios(measurements);

  if (groups.has('matmul')) {
    console.log('\nMatmul (n, n) @ (n, n), GFLOP/s = 2n³ / time. Ratios are Descent ÷ anchor (> 1: Descent faster).');
    console.log(table(measurements, ratios, 'matmul', ['descent', 'descent-js', 'loop', 'tfjs-cpu', 'tfjs-wasm', 'ml-matrix'], 2));
  }
  if (groups.has('elementwise')) {
    console.log(`\nElementwise and reduction on ${ELEMENTWISE_SIZE} float32 elements, M elements/s.`);
    console.log(table(measurements, ratios, 'elementwise', ['descent', 'descent-js', 'loop', 'tfjs-cpu', 'tfjs-wasm'], 0));
  }
  if (groups.has('matmul') || groups.has('elementwise')) {
    console.log('\nml-matrix has no float32 (it multiplies in float64); tfjs has no float64 (n/a).');
  }
  if (groups.has('training')) {
    console.log('\nTraining, wall seconds per run; ratios are tfjs time ÷ Descent time (> 1: Descent faster).');
    console.log('Loss and accuracy on the training data after training, same initial weights.');
    console.log(trainingTable(training));
    console.log(trainingNotes(training));
  }
  if (groups.has('knn')) console.log(`\n${knnTable(knn)}`);
  if (groups.has('linear')) console.log(`\n${linearTable(linear)}`);
  if (python) console.log(`\n${pythonTable(python, measurements, training, linear)}`);
  if (page) console.log(`\n${pageTable(page)}`);
  if (classical) console.log(`\n${classicalTable(classical)}`);
  if (rl) console.log(`\n${rlTable(rl)}`);
  if (stats) console.log(`\n${statsTable(stats)}`);
  if (distributed) console.log(`\n${distributedTable(distributed)}`);

  const report = {
    startedAt: started.toISOString(),
    durationSeconds: +((Date.now() - started.getTime()) / 1000).toFixed(1),
    machine,
    libraries: { tfjs: tfjs.version, tfjsWasmSimd: tfjs.wasmSimd, tfjsWasmThreads: tfjs.wasmThreads,
      descentMatmulVia: descent.matmulVia },
    groups: [...groups],
    measurements,
    ratios,
    training,
    knn,
    linear,
    python,
    page,
    classical,
    rl,
    stats,
    distributed,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = JSON.stringify(report, null, 2) + '\n';
  const stamp = started.toISOString().replace(/[:.]/g, '-') + (groups.size < GROUPS.length + 2 ? `-${[...groups].join('-')}` : '');
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);
  writeFileSync(join(RESULTS_DIR, `${stamp}.json`), json);
  console.log(`\nWrote bench/results/latest.json and bench/results/${stamp}.json (${report.durationSeconds} s).`);
}

/** Descent ÷ every other implementation, for each (op, dtype, size). */
function computeRatios(ms: Measurement[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const d of ms.filter((m) => m.impl === 'descent')) {
    for (const m of ms) {
      if (m.impl === 'descent' || m.group !== d.group || m.op !== d.op || m.dtype !== d.dtype || m.size !== d.size) continue;
      const descentOverAnchor = d.value !== null && m.value !== null ? +(d.value / m.value).toFixed(3) : null;
      ratios.push({ group: d.group, op: d.op, dtype: d.dtype, size: d.size, anchor: m.impl, descentOverAnchor });
    }
  }
  return ratios;
}

/** One row per (op, dtype, size): each implementation's throughput, then Descent ÷ each anchor. */
function table(ms: Measurement[], ratios: Ratio[], group: Measurement['group'], impls: ImplId[], digits: number): string {
  const anchors = impls.filter((i) => i !== 'descent');
  const header = ['op', 'dtype', 'size', ...impls.map((i) => IMPL_LABELS[i]), ...anchors.map((i) => `÷ ${IMPL_LABELS[i]}`)];
  const rows: string[][] = [];
  const keys = new Map<string, Measurement>();
  for (const m of ms) if (m.group === group) keys.set(`${m.op}|${m.dtype}|${m.size}`, m);
  for (const { op, dtype, size } of keys.values()) {
    const cell = (impl: ImplId): string => {
      const m = ms.find((x) => x.group === group && x.op === op && x.dtype === dtype && x.size === size && x.impl === impl);
      return m?.value == null ? 'n/a' : m.value.toFixed(digits);
    };
    const ratio = (anchor: ImplId): string => {
      const r = ratios.find((x) => x.group === group && x.op === op && x.dtype === dtype && x.size === size && x.anchor === anchor);
      return r?.descentOverAnchor == null ? 'n/a' : `${r.descentOverAnchor.toFixed(2)}×`;
    };
    rows.push([op, dtype, String(size), ...impls.map(cell), ...anchors.map(ratio)]);
  }
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((x, c) => (c < 2 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

await main();
