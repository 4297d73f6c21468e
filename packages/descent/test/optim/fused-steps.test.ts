/**
 * The fused optimizer steps (tensor/backends/js-optim.ts) against the chains of ops they
 * replace in optim/algorithms.ts, run on the reference kernels: many steps of Adam,
 * AdamW, AMSGrad and SGD in every variant, from the same start with the same gradients.
 * float64 must agree bit for bit (the loop does the chain's arithmetic in its order);
 * float32 to a few ulps (the chain rounds after every op, the loop once).
 */
import { describe, expect, it } from 'vitest';
import { listKernels, manualSeed, randn, useBackends, type Tensor } from '../../src/tensor/index.js';
import { Adam, AdamW, SGD, type Optimizer } from '../../src/optim/index.js';

type Make = (params: Tensor[]) => Optimizer<{ lr: number }>;

const CASES: [string, Make][] = [
  ['Adam', (ps) => new Adam(ps, { lr: 0.01 })],
  ['Adam L2', (ps) => new Adam(ps, { lr: 0.01, weightDecay: 0.1 })],
  ['Adam AMSGrad', (ps) => new Adam(ps, { lr: 0.01, amsgrad: true, betas: [0.8, 0.99] })],
  ['AdamW', (ps) => new AdamW(ps, { lr: 0.01, weightDecay: 0.05 })],
  ['AdamW AMSGrad eps 0', (ps) => new AdamW(ps, { lr: 0.02, amsgrad: true, eps: 0 })],
  ['SGD', (ps) => new SGD(ps, { lr: 0.1 })],
  ['SGD momentum dampening', (ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, dampening: 0.3 })],
  ['SGD Nesterov L2', (ps) => new SGD(ps, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
  ['SGD maximize', (ps) => new SGD(ps, { lr: 0.05, momentum: 0.5, maximize: true })],
];

/** Parameters after `steps` updates with seeded gradients (a matrix, a vector, a strided view's copy). */
function run(make: Make, dtype: 'float32' | 'float64', steps: number): number[][] {
  manualSeed(7);
  const ps = [randn([5, 4], { dtype }), randn([7], { dtype })].map((p) => { p.requiresGrad = true; return p; });
  const opt = make(ps);
  for (let s = 0; s < steps; s++) {
    ps.forEach((p) => { p.grad = randn(p.shape, { dtype }).mul(s % 3 === 0 ? 10 : 0.1); });
    opt.step();
  }
  return ps.map((p) => Array.from(p.toTypedArray() as ArrayLike<number>));
}

function onReference<T>(fn: () => T): T {
  const prev = useBackends(['reference']);
  try { return fn(); } finally { useBackends(prev); }
}

describe('fused optimizer steps equal their op chains', () => {
  it('are registered', () => {
    const ops = listKernels().map((k) => k.op);
    expect(ops).toContain('adamStep');
    expect(ops).toContain('sgdStep');
  });

  it.each(CASES)('%s, float64: bit for bit over 25 steps', (_name, make) => {
    expect(run(make, 'float64', 25)).toEqual(onReference(() => run(make, 'float64', 25)));
  });

  it.each(CASES)('%s, float32: within a few ulps over 25 steps', (_name, make) => {
    const fast = run(make, 'float32', 25);
    const ref = onReference(() => run(make, 'float32', 25));
    fast.forEach((p, i) => p.forEach((v, j) => {
      expect(Math.abs(v - ref[i][j]), `param ${i}[${j}]: ${v} vs ${ref[i][j]}`).toBeLessThanOrEqual(2e-6 * (1 + Math.abs(ref[i][j])));
    }));
  });
});
