/**
 * descent/nn and descent/optim against PyTorch (tools/fixtures/nn.py, float64):
 * activations, losses and layers (outputs and input/weight gradients), optimizer
 * trajectories step by step, learning-rate schedules, and gradient clipping.
 */
import { describe, it, expect } from 'vitest';
import { tensor, type Tensor } from '../../src/tensor/index.js';
import { F, Linear, Bilinear, LayerNorm, Embedding, Parameter, Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, GroupNorm, BatchNorm1d, BatchNorm2d } from '../../src/nn/index.js';
import * as optim from '../../src/optim/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor, expectMatchesGradCase } from '../helpers/fixtures.js';
import { gradcheck } from '../helpers/gradcheck.js';

type Kw = Record<string, never>;
interface Case { name: string; op: string; kwargs: Kw; inputs: EncodedTensor[]; output: EncodedTensor; upstream: EncodedTensor; grads: (EncodedTensor | null)[] }
interface Fixture {
  source: string;
  cases: Case[];
  optimizers: { A: number[][]; t: number[]; w0: number[]; v0: number[][]; runs: { name: string; options: Record<string, unknown>; trajectory: number[][][] }[] };
  schedulers: { name: string; options: Record<string, never>; metrics?: number[]; lrs: number[] }[];
  batchnorm: { kind: string; momentum: number | null; weight: EncodedTensor; bias: EncodedTensor; evalX: EncodedTensor; evalY: EncodedTensor;
    steps: Record<'x' | 'y' | 'upstream' | 'gradX' | 'gradW' | 'gradB' | 'runningMean' | 'runningVar', EncodedTensor>[] }[];
  clipping: { grads: number[][]; shapes: number[][]; results: { kind: string; arg: number; total: number | null; grads: number[][] }[] };
}
const fx = loadFixture<Fixture>('nn.json');

// Layers are called through their modules, with the fixture's tensors as parameters, so the
// module code is what is tested and gradients land on the fixture's tensors.
const OPS: Record<string, (xs: Tensor[], kw: Kw) => Tensor> = {
  relu: ([x]) => F.relu(x),
  leakyRelu: ([x], kw) => F.leakyRelu(x, kw.negativeSlope),
  elu: ([x], kw) => F.elu(x, kw.alpha),
  gelu: ([x], kw) => F.gelu(x, kw.approximate),
  silu: ([x]) => F.silu(x),
  mish: ([x]) => F.mish(x),
  softplus: ([x], kw) => F.softplus(x, kw.beta, kw.threshold),
  hardtanh: ([x], kw) => F.hardtanh(x, kw.minVal, kw.maxVal),
  sigmoid: ([x]) => F.sigmoid(x),
  tanh: ([x]) => F.tanh(x),
  softmax: ([x], kw) => F.softmax(x, kw.axis),
  logSoftmax: ([x], kw) => F.logSoftmax(x, kw.axis),
  mseLoss: ([a, b], kw) => F.mseLoss(a, b, kw.reduction),
  l1Loss: ([a, b], kw) => F.l1Loss(a, b, kw.reduction),
  smoothL1Loss: ([a, b], kw) => F.smoothL1Loss(a, b, kw.reduction, kw.beta),
  huberLoss: ([a, b], kw) => F.huberLoss(a, b, kw.reduction, kw.delta),
  bce: ([p, y, w]) => F.binaryCrossEntropy(p, y, { weight: w }),
  bceLogits: ([z, y, w, pw]) => F.binaryCrossEntropyWithLogits(z, y, { weight: w, posWeight: pw }),
  crossEntropy: ([l, t, w], kw) => F.crossEntropy(l, t, { weight: w, labelSmoothing: kw.labelSmoothing, reduction: kw.reduction }),
  nllLoss: ([l, t, w]) => F.nllLoss(l, t, { weight: w }),
  klDiv: ([i, t], kw) => F.klDiv(i, t, { reduction: kw.reduction, logTarget: kw.logTarget }),
  cosineEmbedding: ([a, b, y], kw) => F.cosineEmbeddingLoss(a, b, y, { margin: kw.margin }),
  triplet: ([a, p, n], kw) => F.tripletMarginLoss(a, p, n, { margin: kw.margin, p: kw.p, swap: kw.swap }),
  linear: ([x, W, b]) => {
    const m = new Linear(W.shape[1], W.shape[0], { dtype: 'float64' });
    m.weight = W as Parameter;
    m.bias = b as Parameter;
    return m.forward(x);
  },
  bilinear: ([x1, x2, W, b]) => {
    const m = new Bilinear(W.shape[1], W.shape[2], W.shape[0], { dtype: 'float64' });
    m.weight = W as Parameter;
    m.bias = b as Parameter;
    return m.forward(x1, x2);
  },
  layerNorm: ([x, g, b]) => {
    const m = new LayerNorm(g.shape as number[], { dtype: 'float64' });
    m.weight = g as Parameter;
    m.bias = b as Parameter;
    return m.forward(x);
  },
  conv2d: ([x, W, b], kw) => {
    const m = new Conv2d(x.shape[1], W.shape[0], [W.shape[2], W.shape[3]], { stride: kw.stride, padding: kw.padding, dilation: kw.dilation, groups: kw.groups, dtype: 'float64' });
    m.weight = W as Parameter;
    m.bias = b as Parameter;
    return m.forward(x);
  },
  maxPool2d: ([x], kw) => new MaxPool2d(kw.kernelSize, kw.stride, kw.padding).forward(x),
  avgPool2d: ([x], kw) => new AvgPool2d(kw.kernelSize, kw.stride, kw.padding).forward(x),
  adaptiveAvgPool2d: ([x], kw) => new AdaptiveAvgPool2d(kw.outputSize).forward(x),
  groupNorm: ([x, w, b], kw) => {
    const m = new GroupNorm(kw.numGroups, x.shape[1], { dtype: 'float64' });
    m.weight = w as Parameter;
    m.bias = b as Parameter;
    return m.forward(x);
  },
  embedding: ([E, idx], kw) => {
    const m = new Embedding(E.shape[0], E.shape[1], { paddingIdx: kw.paddingIdx, dtype: 'float64' });
    m.weight = E as Parameter;
    return m.forward(idx);
  },
};

describe(`nn layers, activations and losses match ${fx.source}`, () => {
  for (const c of fx.cases) {
    it(c.name, () => expectMatchesGradCase(c, (inputs) => OPS[c.op](inputs, c.kwargs)));
  }
});

describe('activations and losses pass central-difference gradient checks', () => {
  // (softplus jumps at its threshold, so finite differences across it are meaningless)
  const smoothOps = new Set(['gelu', 'silu', 'mish', 'sigmoid', 'tanh', 'softmax', 'logSoftmax', 'mseLoss', 'bceLogits', 'crossEntropy', 'nllLoss', 'klDiv', 'linear', 'bilinear', 'layerNorm', 'triplet', 'conv2d', 'avgPool2d', 'adaptiveAvgPool2d']);
  for (const c of fx.cases) {
    if (!smoothOps.has(c.op) || c.name.includes('default')) continue;
    it(c.name, () => gradcheck((xs) => OPS[c.op](xs, c.kwargs), c.inputs.map((e) => decode(e)), decode(c.upstream), c.name, 1e-6, 1e-5, c.grads.map((g) => g !== null)));
  }
});

describe('optimizers follow PyTorch step by step', () => {
  const { A, t, w0, v0 } = fx.optimizers;
  const At = tensor(A, { dtype: 'float64' });
  const tt = tensor(t, { dtype: 'float64' });
  fx.optimizers.runs.forEach((run, k) => {
    it(`${run.name} ${JSON.stringify(run.options)} (#${k})`, () => {
      const w = tensor(w0, { dtype: 'float64', requiresGrad: true });
      const v = tensor(v0, { dtype: 'float64', requiresGrad: true });
      const Ctor = (optim as unknown as Record<string, new (p: Tensor[], o: Record<string, unknown>) => optim.Optimizer<{ lr: number }>>)[run.name];
      const opt = new Ctor([w, v], run.options);
      for (const [wExp, vExp] of run.trajectory) {
        opt.zeroGrad();
        At.matmul(w).sub(tt).square().sum().add(v.pow(3).sum().mul(0.3)).add(w.mul(v.select(0, 0).select(0, 0)).sum()).backward();
        opt.step();
        expectClose(w.detach(), tensor(wExp, { dtype: 'float64' }), undefined, `${run.name} w`);
        expectClose(v.detach().reshape([-1]), tensor(vExp, { dtype: 'float64' }), undefined, `${run.name} v`);
      }
    });
  });
});

describe('learning-rate schedules match PyTorch', () => {
  for (const s of fx.schedulers) {
    it(`${s.name} ${JSON.stringify(s.options)}`, () => {
      const opt = new optim.SGD([tensor([0], { requiresGrad: true })], { lr: 0.1 });
      const got: number[] = [opt.paramGroups[0].options.lr];
      if (s.name === 'ReduceLROnPlateau') {
        const sch = new optim.ReduceLROnPlateau(opt, s.options);
        for (const m of s.metrics!) { sch.step(m); got.push(opt.paramGroups[0].options.lr); }
      } else {
        const Ctor = (optim as unknown as Record<string, new (o: unknown, opts: unknown) => optim.LRScheduler>)[s.name];
        const sch = new Ctor(opt, s.options);
        got[0] = opt.paramGroups[0].options.lr;
        for (let i = 1; i < s.lrs.length; i++) { sch.step(); got.push(opt.paramGroups[0].options.lr); }
      }
      got.forEach((lr, i) => expect(lr, `step ${i}`).toBeCloseTo(s.lrs[i], 12));
    });
  }
});

describe('gradient clipping matches PyTorch', () => {
  for (const r of fx.clipping.results) {
    it(`${r.kind} ${r.arg}`, () => {
      const ps = fx.clipping.shapes.map((sh, i) => {
        const p = tensor(new Float64Array(sh.reduce((a, b) => a * b, 1)), { shape: sh }).requiresGrad_();
        p.grad = tensor(fx.clipping.grads[i], { dtype: 'float64' }).reshape(sh);
        return p;
      });
      if (r.kind === 'value') optim.clipGradValue(ps, r.arg);
      else {
        const total = optim.clipGradNorm(ps, r.arg, { norm: 2, norm_inf: Infinity, norm_1: 1 }[r.kind]);
        expect(total).toBeCloseTo(r.total!, 12);
      }
      ps.forEach((p, i) => expectClose(p.grad!.reshape([-1]), tensor(r.grads[i], { dtype: 'float64' }), undefined, `${r.kind} grads ${i}`));
    });
  }
});

describe('batch norm matches PyTorch in training (outputs, gradients, running statistics) and evaluation', () => {
  for (const run of fx.batchnorm) {
    it(`${run.kind} momentum=${run.momentum}`, () => {
      const C = run.weight.shape[0];
      const Ctor = run.kind === 'BatchNorm2d' ? BatchNorm2d : BatchNorm1d;
      const bn = new Ctor(C, { momentum: run.momentum, dtype: 'float64' });
      bn.loadStateDict({ ...bn.stateDict(), weight: decode(run.weight), bias: decode(run.bias) });
      for (const step of run.steps) {
        bn.zeroGrad();
        const x = decode(step.x).requiresGrad_();
        const y = bn.forward(x);
        expectClose(y, step.y, undefined, 'train output');
        y.mul(decode(step.upstream)).sum().backward();
        expectClose(x.grad!, step.gradX, undefined, 'grad x');
        expectClose(bn.weight!.grad!, step.gradW, undefined, 'grad weight');
        expectClose(bn.bias!.grad!, step.gradB, undefined, 'grad bias');
        expectClose(bn.runningMean, step.runningMean, undefined, 'running mean');
        expectClose(bn.runningVar, step.runningVar, undefined, 'running var');
      }
      bn.eval();
      expectClose(bn.forward(decode(run.evalX)), run.evalY, undefined, 'eval output');
    });
  }
});
