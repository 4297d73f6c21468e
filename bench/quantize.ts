// Compression of one model under each technique: size, CPU latency, accuracy.
//
//   npx tsx bench/quantize.ts
//
// The model is an MLP 64-512-512-10 trained on scikit-learn's digits (bundled; 75/25 split,
// as packages/descent/test/quantize/helpers.ts). Each technique starts from the same trained
// float model. Latency is the median CPU time (process.cpuUsage, which stays meaningful on
// a shared machine) of a forward pass over the 450 test images. Size counts the stored
// parameters: float32 = 4 bytes each; int8 layers = 1 byte per weight + float32 scales and
// biases; pruned = the nonzero weights in a sparse format (4-byte value + 4-byte index).
// A second table times single layers, float32 vs int8: Linear(512, 512) on a batch of 256,
// Conv2d(32, 64, 3, padding 1) on 8 images of 32×32, LSTM(128, 256) over 50 steps of 16.
import { manualSeed, noGrad, randn, type Tensor } from '../packages/descent/src/tensor/index.js';
import { Conv2d, LSTM, Linear, ReLU, Sequential, type Module } from '../packages/descent/src/nn/index.js';
import {
  QuantizedConv2d, QuantizedLSTM, QuantizedLinear, convertQat, distillationLoss, l1Unstructured, prepareQat, quantizeDynamic, quantizeStatic, reapplyMasks,
} from '../packages/descent/src/quantize/index.js';
import { accuracy, digitsSplit, train } from '../packages/descent/test/quantize/helpers.js';

const runs = 9;
function cpuMs(f: () => unknown): number {
  const times: number[] = [];
  f();
  for (let r = 0; r < runs; r++) {
    const start = process.cpuUsage();
    noGrad(f);
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function bytes(model: Module): number {
  let b = 0;
  for (const m of model.modules()) if (m instanceof QuantizedLinear) b += m.byteSize();
  for (const p of model.parameters()) b += 4 * p.size;
  return b;
}
function sparseBytes(model: Module): number {
  let nz = 0;
  for (const p of model.parameters()) nz += (p.data as Float32Array).reduce((a, v) => a + (v !== 0 ? 1 : 0), 0);
  return 8 * nz;
}

const net = (h: number) => new Sequential(new Linear(64, h), new ReLU(), new Linear(h, h), new ReLU(), new Linear(h, 10));
const s = digitsSplit();
manualSeed(0);
const float = train(net(512), s, 5);
const copy = () => { const m = net(512); m.loadStateDict(float.stateDict()); m.eval(); return m; };
const calib = [0, 1, 2, 3].map((i) => s.xTrain.narrow(0, i * 64, 64));

const rows: [string, Module, number?][] = [['float32', float]];
rows.push(['dynamic int8', quantizeDynamic(copy())]);
for (const method of ['minmax', 'percentile', 'mse'] as const) rows.push([`static int8 (${method})`, quantizeStatic(copy(), calib, { method, percentile: 99.99 })]);
const qat = prepareQat(copy());
train(qat, s, 1, { lr: 2e-4, seed: 5 });
rows.push(['QAT int8 (1 epoch)', convertQat(qat)]);
const pruned = copy();
for (const i of [0, 2, 4]) l1Unstructured(pruned[i], 'weight', 0.7);
train(pruned, s, 2, { lr: 3e-4, seed: 7, afterStep: () => reapplyMasks(pruned) });
rows.push(['pruned 70% + fine-tune (sparse size)', pruned, sparseBytes(pruned)]);
const student = train(net(64), s, 8, {
  seed: 3, lr: 2e-3,
  loss: (l: Tensor, x: Tensor, y: Tensor) => distillationLoss(l, noGrad(() => float.forward(x) as Tensor), y, { temperature: 2, alpha: 0.5 }),
});
rows.push(['distilled student 64-64-64-10', student]);

console.log('| technique | size (KB) | latency, 450 images (CPU ms) | test accuracy |');
console.log('|---|---:|---:|---:|');
for (const [name, m, size] of rows) {
  const ms = cpuMs(() => m.forward(s.xTest));
  console.log(`| ${name} | ${((size ?? bytes(m)) / 1024).toFixed(1)} | ${ms.toFixed(2)} | ${(100 * accuracy(m, s.xTest, s.yTest)).toFixed(1)}% |`);
}

manualSeed(1);
const fc = new Linear(512, 512), x = randn([256, 512]);
const dyn = QuantizedLinear.from(fc);
const stat = QuantizedLinear.from(fc, { activation: { scale: 0.03, zeroPoint: 0 } });
const conv = new Conv2d(32, 64, 3, { padding: 1 }), img = randn([8, 32, 32, 32]);
const qconv = QuantizedConv2d.from(conv, { activation: { scale: 0.03, zeroPoint: 0 } });
const lstm = new LSTM(128, 256), seq = randn([50, 16, 128]);
lstm.eval();
const qlstm = QuantizedLSTM.from(lstm);
console.log('\n| layer | float32 (CPU ms) | int8 (CPU ms) | speed-up |');
console.log('|---|---:|---:|---:|');
const pairs: [string, () => unknown, () => unknown][] = [
  ['Linear(512, 512), batch 256, dynamic', () => fc.forward(x), () => dyn.forward(x)],
  ['Linear(512, 512), batch 256, static', () => fc.forward(x), () => stat.forward(x)],
  ['Conv2d(32, 64, 3), 8×32×32×32, static', () => conv.forward(img), () => qconv.forward(img)],
  ['LSTM(128, 256), 50 steps × 16, dynamic', () => lstm.forward(seq), () => qlstm.forward(seq)],
];
for (const [name, a, b] of pairs) {
  const ta = cpuMs(a), tb = cpuMs(b);
  console.log(`| ${name} | ${ta.toFixed(2)} | ${tb.toFixed(2)} | ${(ta / tb).toFixed(2)}× |`);
}
