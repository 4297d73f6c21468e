// Training end to end: Descent's `fit` against tfjs-layers' `model.fit` (cpu and wasm
// backends), on the same data, the same architecture and the same initial weights.
//
//  - mlp: 64-128-10 (ReLU) on scikit-learn's digits (1,797 rows, standardized), 20 epochs,
//    batch 32, Adam(1e-3), cross-entropy.
//  - cnn: conv 1→8 3×3, ReLU, max-pool 2, conv 8→16 3×3, ReLU, max-pool 2, linear 400→10,
//    one epoch over 10,000 28×28 images, batch 64, Adam(1e-3), cross-entropy. The images
//    are Fashion-MNIST's first 10,000 training images when Debian's dataset-fashion-mnist
//    is installed, else a seeded synthetic set (the output says which).
//
// Descent draws its initial weights (PyTorch's defaults); tfjs gets a copy of them,
// transposed to its layouts, so both start from the same point. Adam's ε is 1e-8 in both
// (PyTorch's; tfjs would default to 1e-7). Both shuffle every epoch with their own
// generator, so the losses after training agree in size, not digit for digit: they are
// reported (on the training data, after training) so a fast run that learned nothing
// would show. Each run is timed once after an untimed warm-up on a few batches.
import * as tfl from '@tensorflow/tfjs-layers';
import { tensor, manualSeed } from '../packages/descent/src/tensor/index.js';
import { Generator } from '../packages/descent/src/random/index.js';
import { Conv2d, F, Linear, ReLU, Sequential, type Module } from '../packages/descent/src/nn/index.js';
import { Adam } from '../packages/descent/src/optim/index.js';
import { DataLoader, TensorDataset, accuracy, evaluate, fit } from '../packages/descent/src/data/index.js';
import { loadDigits } from '../packages/descent/src/datasets/index.js';
import { buildCnn, images28 } from './cnn-data.js';
import { tf, useBackend, type TfBackend } from './tfjs.js';

export type TrainingImpl = 'descent' | 'tfjs-cpu' | 'tfjs-wasm';
export const TRAINING_IMPLS: TrainingImpl[] = ['descent', 'tfjs-cpu', 'tfjs-wasm'];

export interface TrainingMeasurement {
  task: 'mlp' | 'cnn';
  impl: TrainingImpl;
  /** Wall time of the whole training run, and this process's CPU time over it (null: could not run). */
  seconds: number | null;
  cpuSeconds: number | null;
  /** Loss and accuracy on the training data after training. */
  finalLoss: number | null;
  finalAccuracy: number | null;
  data: string;
  setup: string;
  note?: string;
}

interface Task {
  name: 'mlp' | 'cnn';
  data: string;
  setup: string;
  X: Float32Array;          // (N, features) or (N, 28·28), row-major
  y: Int32Array;            // (N,)
  inputShape: number[];     // per sample, Descent's layout: [64] or [1, 28, 28]
  epochs: number;
  batchSize: number;
  build(): Module;
  /** tfjs-layers' version of the same network, initialized with `model`'s weights. */
  buildTf(model: Module): tfl.Sequential;
}

export function digitsTask(): Task {
  const { data, target } = loadDigits();
  const raw = tensor(data as number[][]);
  const mu = raw.mean(0);
  const sd = raw.std(0, { correction: 0 });
  // Standardize each pixel; always-zero border pixels only get centred.
  const X = raw.sub(mu).div(sd.add(sd.eq(0).astype('float32')));
  return {
    name: 'mlp',
    data: `scikit-learn digits, ${data.length} × 64, standardized`,
    setup: 'MLP 64-128-10, 20 epochs, batch 32, Adam(1e-3)',
    X: X.toTypedArray() as Float32Array,
    y: Int32Array.from(target as number[]),
    inputShape: [64],
    epochs: 20,
    batchSize: 32,
    build: () => new Sequential(new Linear(64, 128), new ReLU(), new Linear(128, 10)),
    buildTf(model) {
      const [l1, , l2] = (model as Sequential).children() as Linear[];
      const net = tfl.sequential({ layers: [
        tfl.layers.dense({ units: 128, activation: 'relu', inputShape: [64] }),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ] });
      // Linear keeps W as (out, in); a Dense kernel is (in, out).
      net.layers[0].setWeights([tf.tensor(l1.weight.T.contiguous().toTypedArray() as Float32Array, [64, 128]), tf.tensor(l1.bias!.toTypedArray() as Float32Array)]);
      net.layers[1].setWeights([tf.tensor(l2.weight.T.contiguous().toTypedArray() as Float32Array, [128, 10]), tf.tensor(l2.bias!.toTypedArray() as Float32Array)]);
      return net;
    },
  };
}

export function cnnTask(): Task {
  const { X, y, data } = images28();
  return {
    name: 'cnn',
    data,
    setup: 'CNN conv8-pool-conv16-pool-linear10, 1 epoch, batch 64, Adam(1e-3)',
    X, y,
    inputShape: [1, 28, 28],
    epochs: 1,
    batchSize: 64,
    build: buildCnn,
    buildTf(model) {
      const [c1, , , c2, , , , fc] = (model as Sequential).children() as [Conv2d, Module, Module, Conv2d, Module, Module, Module, Linear];
      // tfjs is channels-last: input (N,28,28,1), kernels (kh,kw,in,out).
      const net = tfl.sequential({ layers: [
        tfl.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ] });
      const kernel = (c: Conv2d) => tf.tensor(c.weight.permute([2, 3, 1, 0]).contiguous().toTypedArray() as Float32Array, [3, 3, c.inChannels, c.outChannels]);
      net.layers[0].setWeights([kernel(c1), tf.tensor(c1.bias!.toTypedArray() as Float32Array)]);
      net.layers[2].setWeights([kernel(c2), tf.tensor(c2.bias!.toTypedArray() as Float32Array)]);
      // Descent flattens (C,H,W) = (16,5,5); tfjs flattens (H,W,C): reorder the rows of the
      // dense kernel so both compute the same function.  W (10, 16·5·5) -> (5,5,16, 10).
      const w = fc.weight.reshape([10, 16, 5, 5]).permute([2, 3, 1, 0]).contiguous();
      net.layers[5].setWeights([tf.tensor(w.toTypedArray() as Float32Array, [400, 10]), tf.tensor(fc.bias!.toTypedArray() as Float32Array)]);
      return net;
    },
  };
}

function timed<R>(run: () => R): { result: R; seconds: number; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { result, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function timedAsync<R>(run: () => Promise<R>): Promise<{ result: R; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { result, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

function runDescent(task: Task, seed: number, limit?: number): TrainingMeasurement & { model: Module } {
  manualSeed(seed);
  const model = task.build();
  const n = limit ?? task.y.length;
  const X = tensor(task.X.subarray(0, n * task.X.length / task.y.length)).reshape([n, ...task.inputShape]);
  const y = tensor(task.y.subarray(0, n), { dtype: 'int32' });
  const loader = new DataLoader(new TensorDataset(X, y), { batchSize: task.batchSize, shuffle: true, generator: new Generator(seed) });
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const t = timed(() => fit(model, loader, { optimizer, loss: F.crossEntropy, epochs: limit ? 1 : task.epochs, progress: false }));
  const after = evaluate(model, new DataLoader(new TensorDataset(X, y), { batchSize: 1000 }), { loss: F.crossEntropy, metrics: { accuracy } });
  return { task: task.name, impl: 'descent', seconds: t.seconds, cpuSeconds: t.cpuSeconds, finalLoss: after.loss, finalAccuracy: after.accuracy, data: task.data, setup: task.setup, model };
}

async function runTfjs(task: Task, backend: TfBackend, init: Module, limit?: number): Promise<TrainingMeasurement> {
  await useBackend(backend);
  const n = limit ?? task.y.length;
  const net = task.buildTf(init);
  // Adam with PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8.
  net.compile({ optimizer: tf.train.adam(1e-3, 0.9, 0.999, 1e-8), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const perSample = task.X.length / task.y.length;
  const shape = task.name === 'cnn' ? [n, 28, 28, 1] : [n, perSample];   // one channel: (N,1,28,28) and (N,28,28,1) share a layout
  const X = tf.tensor(task.X.subarray(0, n * perSample), shape);
  const Y = tf.cast(tf.oneHot(tf.tensor1d(task.y.subarray(0, n), 'int32'), 10), 'float32');
  const t = await timedAsync(() => net.fit(X, Y, { epochs: limit ? 1 : task.epochs, batchSize: task.batchSize, shuffle: true, verbose: 0, yieldEvery: 'never' }));
  const [loss, acc] = (net.evaluate(X, Y, { batchSize: 1000 }) as tf.Scalar[]).map((s) => s.dataSync()[0]);
  tf.dispose([X, Y]);
  net.layers.forEach((l) => l.dispose());
  return { task: task.name, impl: backend === 'cpu' ? 'tfjs-cpu' : 'tfjs-wasm', seconds: t.seconds, cpuSeconds: t.cpuSeconds, finalLoss: loss, finalAccuracy: acc, data: task.data, setup: task.setup };
}

/** tfjs, or a row that says why it could not train (the wasm backend lacks some gradient kernels). */
async function tryTfjs(task: Task, backend: TfBackend, init: Module, limit?: number): Promise<TrainingMeasurement> {
  try {
    return await runTfjs(task, backend, init, limit);
  } catch (e) {
    const note = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { task: task.name, impl: backend === 'cpu' ? 'tfjs-cpu' : 'tfjs-wasm', seconds: null, cpuSeconds: null, finalLoss: null, finalAccuracy: null, data: task.data, setup: task.setup, note };
  }
}

export async function benchTraining(progress: (line: string) => void, tasks: ('mlp' | 'cnn')[] = ['mlp', 'cnn']): Promise<TrainingMeasurement[]> {
  const results: TrainingMeasurement[] = [];
  for (const task of tasks.map((t) => (t === 'mlp' ? digitsTask() : cnnTask()))) {
    // Warm-up (untimed): one epoch over a few batches for each implementation.
    const warm = runDescent(task, 1, task.batchSize * 8);
    await tryTfjs(task, 'cpu', warm.model, task.batchSize * 8);
    await tryTfjs(task, 'wasm', warm.model, task.batchSize * 8);

    const { model: _model, ...descent } = runDescent(task, 0);
    // The same initial weights for tfjs: rebuild Descent's model from the same seed.
    manualSeed(0);
    const init = task.build();
    results.push(descent);
    progress(`${task.name} descent: ${descent.seconds!.toFixed(2)} s (CPU ${descent.cpuSeconds!.toFixed(2)} s), loss ${descent.finalLoss!.toFixed(4)}`);
    for (const backend of ['cpu', 'wasm'] as const) {
      const r = await tryTfjs(task, backend, init);
      results.push(r);
      progress(r.seconds === null ? `${task.name} tfjs-${backend}: n/a (${r.note})`
        : `${task.name} tfjs-${backend}: ${r.seconds.toFixed(2)} s (CPU ${r.cpuSeconds!.toFixed(2)} s), loss ${r.finalLoss!.toFixed(4)}`);
    }
  }
  return results;
}

/**
 * The training table: wall seconds (CPU seconds in parentheses), Descent ÷ tfjs speed as
 * tfjs time ÷ Descent time, by wall and by CPU time (on a busy machine the CPU ratio is the
 * steadier one), and the losses and accuracies after training.
 */
export function trainingTable(ms: TrainingMeasurement[]): string {
  const header = ['task', 'Descent s (CPU)', 'tfjs cpu s (CPU)', 'tfjs wasm s (CPU)', '÷ tfjs cpu wall/CPU', '÷ tfjs wasm wall/CPU', 'loss D / cpu / wasm', 'acc D / cpu / wasm'];
  const rows = (['mlp', 'cnn'] as const).flatMap((task) => {
    const get = (impl: TrainingImpl) => ms.find((m) => m.task === task && m.impl === impl);
    const d = get('descent');
    if (!d || d.seconds === null) return [];
    const c = get('tfjs-cpu');
    const w = get('tfjs-wasm');
    const secs = (m?: TrainingMeasurement) => (m?.seconds == null ? 'n/a' : `${m.seconds.toFixed(2)} (${m.cpuSeconds!.toFixed(2)})`);
    const ratio = (m?: TrainingMeasurement) => (m?.seconds == null ? 'n/a'
      : `${(m.seconds / d.seconds!).toFixed(2)}× / ${(m.cpuSeconds! / d.cpuSeconds!).toFixed(2)}×`);
    const f = (m: TrainingMeasurement | undefined, k: 'finalLoss' | 'finalAccuracy') => (m?.[k] == null ? 'n/a' : m[k].toFixed(3));
    return [[task, secs(d), secs(c), secs(w), ratio(c), ratio(w),
      [d, c, w].map((m) => f(m, 'finalLoss')).join(' / '), [d, c, w].map((m) => f(m, 'finalAccuracy')).join(' / ')]];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The input and setup lines printed under the table. */
export function trainingNotes(ms: TrainingMeasurement[]): string {
  const seen = new Map<string, string>();
  for (const m of ms) seen.set(m.task, `${m.task}: ${m.setup}; data: ${m.data}`);
  const failures = ms.filter((m) => m.note).map((m) => `${m.task} ${m.impl}: n/a, ${m.note}`);
  return [...seen.values(), ...failures].join('\n');
}
