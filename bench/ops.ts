// Small-op overhead: the tiny training steps of the lessons and the app, and the ops that
// dominate them, timed one call at a time (milliseconds per call, median of several runs).
//
//   npx tsx bench/ops.ts                       # this working tree
//   npx tsx bench/ops.ts --only mha,softmax    # only workloads whose name contains one of these
//   npx tsx bench/ops.ts --baseline /tmp/base  # also an older copy, interleaved in one run
//
// A baseline is another copy of the library's sources, e.g. the last commit's:
//   git archive HEAD packages/descent/src | tar -x -C /tmp/base
// (the flag takes /tmp/base, the directory holding packages/). Both copies are loaded into
// this one process and every workload alternates between them, so the two columns see the
// same machine load; on a shared machine that matters more than the number of repetitions.
//
// Figures are median CPU milliseconds per call (user + system time of this process), with
// the wall time beside them: on a machine shared with other jobs the wall time mostly
// measures the queue for a core.
//
// Models are built with the same seed in both copies, so both compute the same numbers;
// the script checks that the losses agree before it times anything.
//
// Not wired into `npm run bench` (bench/run.ts): these are per-call latencies in
// milliseconds, a different kind of figure from the throughput tables there.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './timing.js';

type TensorApi = typeof import('../packages/descent/src/tensor/index.js');
type NnApi = typeof import('../packages/descent/src/nn/index.js');
type OptimApi = typeof import('../packages/descent/src/optim/index.js');
type Tensor = import('../packages/descent/src/tensor/index.js').Tensor;

interface Lib { name: string; T: TensorApi; nn: NnApi; optim: OptimApi }

/** A workload: `setup` builds inputs and a model once; the returned step is what is timed. */
interface Workload {
  name: string;
  what: string;
  setup(lib: Lib): () => number;
}

async function load(root: string, name: string): Promise<Lib> {
  const src = resolve(root, 'packages/descent/src');
  const url = (p: string) => pathToFileURL(resolve(src, p)).href;
  return {
    name,
    T: await import(url('tensor/index.ts')) as TensorApi,
    nn: await import(url('nn/index.ts')) as NnApi,
    optim: await import(url('optim/index.ts')) as OptimApi,
  };
}

/** One optimizer step of `loss()` over `params`; returns the loss for the agreement check. */
function trainStep(lib: Lib, params: Tensor[], loss: () => Tensor): () => number {
  const opt = new lib.optim.Adam(params, { lr: 1e-3 });
  return () => {
    opt.zeroGrad();
    const l = loss();
    l.backward();
    opt.step();
    return l.item();
  };
}

/** Forward and backward of `f` on a fresh leaf of `shape`, summed to a scalar loss. */
function opStep(lib: Lib, shapes: number[][], f: (...xs: Tensor[]) => Tensor): () => number {
  lib.T.manualSeed(1);
  const xs = shapes.map((s) => lib.T.randn(s).requiresGrad_());
  // A weight makes the upstream gradient non-uniform, as it is inside a model.
  const out0 = f(...xs);
  const w = lib.T.randn([...out0.shape]);
  return () => {
    for (const x of xs) x.grad = null;
    const y = f(...xs).mul(w).sum();
    y.backward();
    return y.item();
  };
}

/** Forward only (no tensor requires gradients). */
function forwardOnly(lib: Lib, shapes: number[][], f: (...xs: Tensor[]) => Tensor): () => number {
  lib.T.manualSeed(1);
  const xs = shapes.map((s) => lib.T.randn(s));
  return () => f(...xs).sum().item();
}

const WORKLOADS: Workload[] = [
  {
    name: 'mlp-step',
    what: 'MLP 2-64-64-2 (ReLU), cross-entropy, (256, 2) batch, Adam',
    setup(lib) {
      const { T, nn } = lib;
      T.manualSeed(0);
      const X = T.randn([256, 2]);
      const y = X.select(1, 0).mul(X.select(1, 1)).gt(0).astype('int32');
      const model = new nn.Sequential(new nn.Linear(2, 64), new nn.ReLU(), new nn.Linear(64, 64), new nn.ReLU(), new nn.Linear(64, 2));
      return trainStep(lib, model.parameters(), () => nn.F.crossEntropy(model.forward(X), y));
    },
  },
  {
    name: 'mha-step',
    what: 'MultiheadAttention(32, 4) self-attention, (64, 8, 32) batch-first, MSE, Adam',
    setup(lib) {
      const { T, nn } = lib;
      T.manualSeed(0);
      const x = T.randn([64, 8, 32]);
      const target = T.randn([64, 8, 32]);
      const mha = new nn.MultiheadAttention(32, 4, { batchFirst: true });
      return trainStep(lib, mha.parameters(), () => nn.F.mseLoss(mha.forward(x, x, x, { needWeights: false })[0], target));
    },
  },
  {
    name: 'lstm-step',
    what: 'LSTM(8, 16), (32, 20, 8) batch-first, last hidden state → Linear(16, 1), MSE, Adam',
    setup(lib) {
      const { T, nn } = lib;
      T.manualSeed(0);
      const x = T.randn([32, 20, 8]);
      const target = T.randn([32, 1]);
      const lstm = new nn.LSTM(8, 16, { batchFirst: true });
      const head = new nn.Linear(16, 1);
      const params = [...lstm.parameters(), ...head.parameters()];
      return trainStep(lib, params, () => {
        const [out] = lstm.forward(x);
        return nn.F.mseLoss(head.forward(out.select(1, 19)), target);
      });
    },
  },
  {
    name: 'transformer-step',
    what: 'TransformerEncoderLayer(64, 4, ff 128, dropout 0), (16, 32, 64) batch-first, MSE, Adam',
    setup(lib) {
      const { T, nn } = lib;
      T.manualSeed(0);
      const x = T.randn([16, 32, 64]);
      const target = T.randn([16, 32, 64]);
      const layer = new nn.TransformerEncoderLayer(64, 4, { dimFeedforward: 128, dropout: 0, batchFirst: true });
      return trainStep(lib, layer.parameters(), () => nn.F.mseLoss(layer.forward(x), target));
    },
  },
  {
    name: 'tiny-ops',
    what: '100 elementwise ops on (4, 4) tensors, forward + backward: per-op overhead',
    setup(lib) {
      lib.T.manualSeed(0);
      const a = lib.T.randn([4, 4]).requiresGrad_();
      const b = lib.T.randn([4]).requiresGrad_();
      return () => {
        a.grad = null;
        b.grad = null;
        let h = a;
        for (let k = 0; k < 25; k++) h = h.mul(b).add(a).tanh().sub(b);
        const l = h.sum();
        l.backward();
        return l.item();
      };
    },
  },
  // The ops inside those steps (the profile's top entries), forward + backward.
  { name: 'add-row', what: '(64, 8, 32) + (32): a bias row', setup: (lib) => opStep(lib, [[64, 8, 32], [32]], (a, b) => a.add(b)) },
  { name: 'add-mask', what: '(64, 4, 8, 8) + (8, 8): a mask on scores', setup: (lib) => opStep(lib, [[64, 4, 8, 8], [8, 8]], (a, b) => a.add(b)) },
  { name: 'sub-col', what: '(512, 64) − (512, 1): a keepdims statistic', setup: (lib) => opStep(lib, [[512, 64], [512, 1]], (a, b) => a.sub(b)) },
  { name: 'mul-lead', what: '(16, 32, 64) · (32, 64): leading broadcast', setup: (lib) => opStep(lib, [[16, 32, 64], [32, 64]], (a, b) => a.mul(b)) },
  { name: 'mul-scalar', what: '(64, 4, 8, 8) · 0.5', setup: (lib) => opStep(lib, [[64, 4, 8, 8]], (a) => a.mul(0.5)) },
  { name: 'sum-last', what: 'sum over the last axis of (512, 64), keepdims', setup: (lib) => opStep(lib, [[512, 64]], (a) => a.sum(-1, true)) },
  { name: 'max-last', what: 'max over the last axis of (512, 64), keepdims (forward only)', setup: (lib) => forwardOnly(lib, [[512, 64]], (a) => a.max(-1, true)) },
  { name: 'softmax', what: 'softmax over the last axis of (64, 4, 8, 8)', setup: (lib) => opStep(lib, [[64, 4, 8, 8]], (a) => a.softmax(-1)) },
  { name: 'logsoftmax', what: 'logSoftmax over the last axis of (256, 10)', setup: (lib) => opStep(lib, [[256, 10]], (a) => a.logSoftmax(-1)) },
  { name: 'layernorm', what: 'F.layerNorm over the last axis of (16, 32, 64), with γ and β', setup: (lib) => opStep(lib, [[16, 32, 64], [64], [64]], (x, g, b) => lib.nn.F.layerNorm(x, [64], g, b)) },
  { name: 'select-bwd', what: '20 × select(0, t) of (20, 32, 64), summed', setup: (lib) => opStep(lib, [[20, 32, 64]], (x) => { let s = x.select(0, 0); for (let t = 1; t < 20; t++) s = s.add(x.select(0, t)); return s; }) },
  { name: 'narrow-bwd', what: 'split (64, 8, 96) into 3 along the last axis, summed', setup: (lib) => opStep(lib, [[64, 8, 96]], (x) => { const [q, k, v] = x.split(32, 2); return q.add(k).add(v); }) },
  // The fused ops (nn/functional/fused.ts, tensor/backends/js-optim.ts) and the bench's MLP step.
  {
    name: 'digits-mlp-step',
    what: 'MLP 64-128-10 (ReLU), cross-entropy, (32, 64) batch, Adam: one step of the bench MLP',
    setup(lib) {
      const { T, nn } = lib;
      T.manualSeed(0);
      const X = T.randn([32, 64]);
      const y = T.randint(0, 10, [32]);
      const model = new nn.Sequential(new nn.Linear(64, 128), new nn.ReLU(), new nn.Linear(128, 10));
      return trainStep(lib, model.parameters(), () => nn.F.crossEntropy(model.forward(X), y));
    },
  },
  { name: 'linear-bias', what: 'F.linear of (32, 64) with W (128, 64) and b (128)', setup: (lib) => opStep(lib, [[32, 64], [128, 64], [128]], (x, W, b) => lib.nn.F.linear(x, W, b)) },
  {
    name: 'cross-entropy',
    what: 'F.crossEntropy of (32, 10) logits with class indices, forward + backward',
    setup(lib) {
      lib.T.manualSeed(1);
      const z = lib.T.randn([32, 10]).requiresGrad_();
      const y = lib.T.randint(0, 10, [32]);
      return () => { z.grad = null; const l = lib.nn.F.crossEntropy(z, y); l.backward(); return l.item(); };
    },
  },
  {
    name: 'adam-update',
    what: 'Adam step on a (128, 64) and a (128,) parameter (update only)',
    setup(lib) {
      lib.T.manualSeed(1);
      const ps = [lib.T.randn([128, 64]).requiresGrad_(), lib.T.randn([128]).requiresGrad_()];
      for (const p of ps) p.grad = lib.T.randn(p.shape);
      const opt = new lib.optim.Adam(ps, { lr: 1e-3 });
      return () => { opt.step(); return ps[1].toTypedArray()[0] as number; };
    },
  },
  { name: 'conv-bias', what: 'F.conv2d of (64, 1, 28, 28) with 8 3×3 filters and a bias', setup: (lib) => opStep(lib, [[64, 1, 28, 28], [8, 1, 3, 3], [8]], (x, W, b) => lib.nn.F.conv2d(x, W, b)) },
];

function parseArgs(argv: string[]): { only: string[] | null; baseline: string | null; reps: number } {
  let only: string[] | null = null;
  let baseline: string | null = null;
  let reps = 15;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') only = argv[++i].split(',');
    else if (a === '--baseline') baseline = argv[++i];
    else if (a === '--reps') reps = Number(argv[++i]);
    else throw new Error(`bench/ops.ts: unknown argument ${a}; use --only a,b  --baseline DIR  --reps N`);
  }
  return { only, baseline, reps };
}

/**
 * Repeats `step` for at least `minMs` (and at least once); returns wall and CPU ms per call.
 * On a busy machine the CPU time is the steadier figure: it does not count waiting for a core.
 */
function timeBatch(step: () => number, minMs: number): { wall: number; cpu: number } {
  let calls = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let now: number;
  do { step(); calls++; now = performance.now(); } while (now - start < minMs);
  const cpu = process.cpuUsage(cpu0);
  return { wall: (now - start) / calls, cpu: (cpu.user + cpu.system) / 1000 / calls };
}

async function main(): Promise<void> {
  const { only, baseline, reps } = parseArgs(process.argv.slice(2));
  const libs: Lib[] = [];
  if (baseline) libs.push(await load(baseline, 'baseline'));
  libs.push(await load(resolve(import.meta.dirname, '..'), 'current'));
  const chosen = WORKLOADS.filter((w) => only === null || only.some((o) => w.name.includes(o)));
  const rows: { name: string; what: string; ms: number[] }[] = [];
  for (const w of chosen) {
    const steps = libs.map((lib) => w.setup(lib));
    // The copies must compute the same thing, or the comparison means nothing.
    const first = steps.map((s) => s());
    if (first.some((v) => Math.abs(v - first[0]) > 1e-4 * Math.max(1, Math.abs(first[0])))) {
      throw new Error(`${w.name}: the copies disagree (${first.join(' vs ')})`);
    }
    for (const s of steps) timeBatch(s, 150); // warm-up: let V8 compile the hot paths
    const wall: number[][] = libs.map(() => []);
    const cpu: number[][] = libs.map(() => []);
    for (let r = 0; r < reps; r++) {
      steps.forEach((s, k) => {
        const t = timeBatch(s, 40);
        wall[k].push(t.wall);
        cpu[k].push(t.cpu);
      });
    }
    const ms = cpu.map(median);
    const wallMs = wall.map(median);
    rows.push({ name: w.name, what: w.what, ms });
    const cells = ms.map((m, k) => `${libs[k].name} ${m.toFixed(3)} ms (wall ${wallMs[k].toFixed(3)})`).join('  ');
    const ratio = ms.length === 2 ? `  ×${(ms[0] / ms[1]).toFixed(2)}` : '';
    console.log(`${w.name.padEnd(17)} ${cells}${ratio}   ${w.what}`);
  }
  if (libs.length === 2) {
    console.log('\n| workload | before (ms) | after (ms) | speed-up |\n|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.name}: ${r.what} | ${r.ms[0].toFixed(2)} | ${r.ms[1].toFixed(2)} | ${(r.ms[0] / r.ms[1]).toFixed(2)}× |`);
  }
}

await main();
