/**
 * How backward() accumulates gradients: slices (select, narrow, split, stepped and reversed
 * slices) add their gradients straight into one buffer per sliced tensor, and repeated uses
 * of a tensor add into a buffer the pass owns. Checked against the plain rules (the same
 * graph differentiated with `createGraph`, which runs every backward rule as ops), against
 * central differences, and for the rule that a leaf's `.grad` never shares storage with
 * another tensor.
 */
import { describe, it, expect } from 'vitest';
import { manualSeed, randn, tensor, concat, noGrad, type Tensor } from '../../src/tensor/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

const values = (t: Tensor) => Array.from(t.toTypedArray());

/** Gradients of f's (scalar) output for each input, computed with or without createGraph. */
function grads(f: (xs: Tensor[]) => Tensor, inputs: Tensor[], createGraph: boolean): Tensor[] {
  const xs = inputs.map((x) => tensor(x).requiresGrad_());
  f(xs).backward(undefined, { createGraph });
  return xs.map((x) => x.grad!.detach());
}

const CASES: [string, number[], (xs: Tensor[]) => Tensor][] = [
  ['every time step of a sequence, selected and summed', [6, 3, 4], ([x]) => {
    let s = x.select(0, 0).mul(1);
    for (let t = 1; t < 6; t++) s = s.add(x.select(0, t).mul(t + 1));
    return s.square().sum();
  }],
  ['LSTM-style gates: select(0, k) of a (4, B, H) block', [4, 2, 3], ([x]) => {
    const [i, f, g, o] = [0, 1, 2, 3].map((k) => x.select(0, k));
    return o.sigmoid().mul(f.sigmoid().mul(2).add(i.sigmoid().mul(g.tanh()))).sum();
  }],
  ['q, k, v split from one projection along the last axis', [2, 3, 9], ([x]) => {
    const [q, k, v] = x.split(3, 2);
    return q.mul(k).add(v.exp()).sum();
  }],
  ['overlapping narrows and a stepped, reversed slice', [5, 6], ([x]) =>
    x.narrow(1, 0, 4).mul(x.narrow(1, 2, 4)).sum().add(x.slice([null, null, -2], [1, null, 2]).square().sum())],
  ['a slice together with the whole tensor (a buffer started from a full gradient)', [4, 5], ([x]) =>
    x.mul(x.select(1, 2).unsqueeze(1)).sum().add(x.narrow(0, 1, 2).sum())],
  ['slices of a slice', [3, 8], ([x]) => {
    const mid = x.narrow(1, 2, 5);
    return mid.select(1, 0).mul(mid.select(1, 4)).sum().add(mid.narrow(0, 1, 2).exp().sum());
  }],
  ['a tensor used many times (in-place sums of repeated uses)', [3, 4], ([x]) => {
    let s = x;
    for (let k = 0; k < 5; k++) s = s.add(x.mul(k)).tanh();
    return s.sum();
  }],
  ['two inputs, one sliced, concatenated back', [4, 3], ([x]) => concat([x.select(0, 1).unsqueeze(0), x.narrow(0, 2, 2)], 0).mul(x.narrow(0, 0, 3)).sum()],
];

describe('gradient accumulation into buffers', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const [label, shape, f] of CASES) {
      it(`${label}, ${dtype}: same gradient as the plain backward rules`, () => {
        manualSeed(21);
        const x = randn(shape, { dtype });
        const [fast] = grads(f, [x], false);
        const [plain] = grads(f, [x], true);
        expect(fast.dtype).toBe(dtype);
        expect(fast.isContiguous()).toBe(true);
        const a = values(fast), b = values(plain);
        const tol = dtype === 'float32' ? 1e-5 : 1e-13;
        for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i])));
      });
    }
  }

  for (const [label, shape, f] of CASES) {
    it(`${label}: central differences`, () => {
      manualSeed(22);
      gradcheck((xs) => f(xs), [randn(shape, { dtype: 'float64' })], tensor(1, { dtype: 'float64' }), label);
    });
  }

  it('a float32 tensor sliced into a float64 computation gets a float32 gradient', () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const w = tensor([10, 20], { dtype: 'float64' });
    x.select(0, 1).mul(w).sum().add(x.select(0, 0).mul(w).sum()).backward();
    expect(x.grad!.dtype).toBe('float32');
    expect(values(x.grad!)).toEqual([10, 20, 10, 20]);
  });

  it('gradients of slices accumulate across backward() calls, as PyTorch does', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.narrow(0, 0, 2).sum().backward();
    x.select(0, 2).mul(5).backward();
    expect(values(x.grad!)).toEqual([1, 1, 5]);
  });
});

describe("a leaf's .grad owns its storage", () => {
  it('after slices: writing into one leaf gradient changes nothing else', () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const y = tensor([[5, 6], [7, 8]], { requiresGrad: true });
    const r = x.select(0, 0).add(y.select(1, 1)).retainGrad();
    r.sum().backward();
    const before = [values(x.grad!), values(y.grad!), values(r.grad!)];
    noGrad(() => x.grad!.fill_(100));
    expect([values(x.grad!), values(y.grad!), values(r.grad!)].slice(1)).toEqual(before.slice(1));
    expect(x.grad!.data).not.toBe(y.grad!.data);
    expect(r.grad!.data).not.toBe(x.grad!.data);
  });

  it('add passes one gradient to both inputs: each leaf gets its own copy', () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const b = tensor([4, 5, 6], { requiresGrad: true });
    const c = tensor([7, 8, 9], { requiresGrad: true });
    // c's gradient is summed from two uses (an owned buffer) before it reaches a and b.
    a.add(b).mul(c).sum().add(a.add(b).sum()).backward();
    expect(new Set([a.grad!.data, b.grad!.data, c.grad!.data]).size).toBe(3);
    noGrad(() => a.grad!.mul_(0));
    expect(values(b.grad!)).toEqual([8, 9, 10]);
  });

  it('a retained intermediate and the leaf behind it do not share storage', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const h = x.mul(1).retainGrad();
    const u = h.select(0, 1).mul(2).add(h.sum());
    u.backward();
    expect(values(h.grad!)).toEqual([1, 3, 1]);
    expect(values(x.grad!)).toEqual([1, 3, 1]);
    expect(h.grad!.data).not.toBe(x.grad!.data);
  });

  it('the upstream gradient given to backward() is never kept as a .grad', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const up = tensor([3, 4]);
    x.backward(up);
    expect(x.grad!.data).not.toBe(up.data);
    noGrad(() => x.grad!.fill_(0));
    expect(values(up)).toEqual([3, 4]);
  });
});
