/**
 * Every built-in fast kernel gives the same numbers as the reference kernel it replaces,
 * on contiguous and broadcast (single-value) operands, in float32 and float64.
 */
import { describe, it, expect } from 'vitest';
import {
  findKernel, kernelFor, listKernels, registerKernel, unregisterBackend, useBackends, randn, manualSeed, tensor, type Tensor,
} from '../../src/tensor/index.js';

function onReference<T>(fn: () => T): T {
  const prev = useBackends(['reference']);
  try { return fn(); } finally { useBackends(prev); }
}

/** The JavaScript kernels alone (the WebAssembly ones have their own tests, wasm-kernels.test.ts). */
function onJs<T>(fn: () => T): T {
  const prev = useBackends(['js-blocked', 'js-loops', 'js-broadcast', 'js-reduce']);
  try { return fn(); } finally { useBackends(prev); }
}

const sameValues = (a: Tensor, b: Tensor) => expect(Array.from(a.toTypedArray())).toEqual(Array.from(b.toTypedArray()));

describe('built-in kernels equal the reference', () => {
  it('registers the blocked matmul and the elementwise loops for both float dtypes', () => {
    const ops = listKernels().map((k) => `${k.op}:${k.backend}`);
    for (const name of ['matmul:js-blocked', 'add:js-loops', 'mul:js-loops', 'exp:js-loops', 'sumAll:js-loops']) expect(ops).toContain(name);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`elementwise and sum kernels, ${dtype}`, () => {
      manualSeed(1);
      const a = randn([257], { dtype });
      const b = randn([257], { dtype }).abs().add(0.5);
      const s = tensor(1.25, { dtype });
      for (const f of [
        (x: Tensor) => x.add(b), (x: Tensor) => x.sub(b), (x: Tensor) => x.mul(b), (x: Tensor) => x.div(b),
        (x: Tensor) => x.add(s), (x: Tensor) => s.sub(x), (x: Tensor) => x.mul(s), (x: Tensor) => s.div(x),
        (x: Tensor) => x.exp(), (x: Tensor) => x.neg(), (x: Tensor) => x.tanh(), (x: Tensor) => x.abs().log(), (x: Tensor) => x.abs().sqrt(),
        (x: Tensor) => x.mul(40).sigmoid(),
      ]) sameValues(onJs(() => f(a)), onReference(() => f(a)));
      // The fast sum uses four accumulators, so it may round differently from the
      // sequential reference; both are float64 sums, within a few ulps of each other.
      expect(a.sum().item()).toBeCloseTo(onReference(() => a.sum().item()), dtype === 'float32' ? 4 : 12);
    });

    it(`matmul kernel, ${dtype}, including batches and transposed operands`, () => {
      manualSeed(2);
      const A = randn([3, 37, 19], { dtype });
      const B = randn([19, 41], { dtype });
      const fast = onJs(() => A.matmul(B));
      const ref = onReference(() => A.matmul(B));
      const tol = dtype === 'float32' ? 1e-4 : 1e-12;
      const f = fast.toTypedArray(), r = ref.toTypedArray();
      for (let i = 0; i < f.length; i++) expect(Math.abs(f[i] - r[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(r[i])));
      const fastT = onJs(() => B.T.matmul(A.select(0, 1).T));
      const refT = onReference(() => B.T.matmul(A.select(0, 1).T));
      const ft = fastT.toTypedArray(), rt = refT.toTypedArray();
      for (let i = 0; i < ft.length; i++) expect(Math.abs(ft[i] - rt[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(rt[i])));
    });
  }
});

describe('dispatch', () => {
  it('names the backend each op runs on, the reference when none applies', () => {
    expect(kernelFor('matmul', 'float64')).not.toBe('reference');
    expect(kernelFor('matmul', 'int32')).toBe('reference');
    const prev = useBackends(['reference']);
    try { expect(kernelFor('matmul', 'float64')).toBe('reference'); } finally { useBackends(prev); }
  });

  it('follows every change to the registry, though it remembers its choices', () => {
    const builtin = findKernel('exp', 'float64');
    expect(builtin).toBeDefined();
    expect(findKernel('exp', 'float64')).toBe(builtin); // asked twice, same answer
    const mine = () => 0;
    registerKernel({ op: 'exp', backend: 'test-dispatch', dtypes: ['float64'], priority: 5, fn: mine });
    try {
      expect(findKernel('exp', 'float64')).toBe(mine);
      expect(findKernel('exp', 'float32')).toBe(findKernel('exp', 'float32')); // other dtypes untouched
      expect(findKernel('exp', 'float32')).not.toBe(mine);
      const prev = useBackends(['reference']);
      expect(findKernel('exp', 'float64')).toBeUndefined();
      useBackends(prev);
      expect(findKernel('exp', 'float64')).toBe(mine);
    } finally {
      unregisterBackend('test-dispatch');
    }
    expect(findKernel('exp', 'float64')).toBe(builtin);
  });
});
