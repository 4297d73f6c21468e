/**
 * Property-based tests (fast-check) of broadcasting, views and reductions against a naive
 * reference that indexes plain nested arrays element by element, including empty and 0-d
 * tensors.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { tensor, type Tensor } from '../../src/tensor/index.js';

const dim = fc.integer({ min: 0, max: 3 });
const shapeArb = (maxNdim = 4) => fc.array(dim, { minLength: 0, maxLength: maxNdim });
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
const tensorArb = (shape: number[]) =>
  fc.array(fc.integer({ min: -50, max: 50 }), { minLength: size(shape), maxLength: size(shape) })
    .map((vals) => tensor(new Float64Array(vals), { shape }));

/** Value at a multi-index of a row-major flat array. */
function at(flat: ArrayLike<number>, shape: number[], index: number[]): number {
  let o = 0;
  for (let i = 0; i < shape.length; i++) o = o * shape[i] + index[i];
  return flat[o];
}

function* indices(shape: number[]): Generator<number[]> {
  if (size(shape) === 0) return;
  const idx = shape.map(() => 0);
  for (;;) {
    yield [...idx];
    let ax = shape.length - 1;
    while (ax >= 0 && ++idx[ax] === shape[ax]) { idx[ax] = 0; ax--; }
    if (ax < 0) return;
  }
}

describe('broadcasting', () => {
  it('a + b reads a[i] and b[i] with size-1 and missing axes stretched, as NumPy does', () => {
    // Build two shapes that broadcast: for each output axis pick the size or 1 per operand.
    const arb = fc.array(fc.tuple(dim, fc.boolean(), fc.boolean()), { maxLength: 4 })
      .chain((axes) => {
        const out = axes.map(([d]) => d);
        const sa = axes.map(([d, one]) => (one ? 1 : d));
        const sb = axes.map(([d, , one]) => (one ? 1 : d));
        return fc.tuple(fc.constant(out), tensorArb(sa), fc.integer({ min: 0, max: sb.length }).chain((drop) => tensorArb(sb.slice(drop))));
      });
    fc.assert(fc.property(arb, ([outShape, a, b]) => {
      const c = a.add(b);
      const expected = outShape.some((d, i) => (a.shape[i] === 0 || b.shape[i - (outShape.length - b.ndim)] === 0) && d !== 0) ? null : outShape;
      if (expected === null) return; // a zero-size axis against a non-one size does not broadcast
      const A = a.toTypedArray(), B = b.toTypedArray(), C = c.toTypedArray();
      expect(c.shape).toEqual(broadcastShape(a.shape as number[], b.shape as number[]));
      for (const idx of indices(c.shape as number[])) {
        const ia = idx.slice(idx.length - a.ndim).map((v, i) => (a.shape[i] === 1 ? 0 : v));
        const ib = idx.slice(idx.length - b.ndim).map((v, i) => (b.shape[i] === 1 ? 0 : v));
        expect(at(C, c.shape as number[], idx)).toBe(at(A, a.shape as number[], ia) + at(B, b.shape as number[], ib));
      }
    }), { numRuns: 150 });
  });
});

function broadcastShape(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => {
    const x = a[i - (n - a.length)] ?? 1;
    const y = b[i - (n - b.length)] ?? 1;
    return x === 1 ? y : x;
  });
}

describe('views', () => {
  it('permute then reshape equals the naive transposition, and the gradient flows back to every element once', () => {
    const arb = shapeArb(4).chain((s) => fc.tuple(tensorArb(s), fc.shuffledSubarray(s.map((_, i) => i), { minLength: s.length, maxLength: s.length })));
    fc.assert(fc.property(arb, ([x, perm]) => {
      const y = x.permute(perm);
      const X = x.toTypedArray(), Y = y.toTypedArray();
      for (const idx of indices(y.shape as number[])) {
        const src = new Array<number>(x.ndim);
        perm.forEach((p, i) => { src[p] = idx[i]; });
        expect(at(Y, y.shape as number[], idx)).toBe(at(X, x.shape as number[], src));
      }
      const xg = x.detach().requiresGrad_();
      xg.permute(perm).reshape([-1]).sum().backward();
      expect(Array.from(xg.grad!.toTypedArray())).toEqual(new Array(x.size).fill(1));
    }), { numRuns: 150 });
  });

  it('slice with arbitrary start/stop/step matches Python slicing of each axis', () => {
    const specArb = fc.tuple(fc.option(fc.integer({ min: -5, max: 5 })), fc.option(fc.integer({ min: -5, max: 5 })), fc.option(fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0)));
    const arb = shapeArb(3).chain((s) => fc.tuple(tensorArb(s), fc.array(specArb, { minLength: s.length, maxLength: s.length })));
    fc.assert(fc.property(arb, ([x, specs]) => {
      const y = x.slice(...specs.map(([a, b, c]) => [a, b, c] as const));
      const picks = specs.map(([a, b, c], i) => pySlice(x.shape[i], a, b, c));
      expect(y.shape).toEqual(picks.map((p) => p.length));
      const X = x.toTypedArray(), Y = y.toTypedArray();
      for (const idx of indices(y.shape as number[])) {
        expect(at(Y, y.shape as number[], idx)).toBe(at(X, x.shape as number[], idx.map((v, i) => picks[i][v])));
      }
    }), { numRuns: 200 });
  });
});

/** Python's range(*slice(start, stop, step).indices(n)). */
function pySlice(n: number, start: number | null, stop: number | null, step: number | null): number[] {
  const st = step ?? 1;
  const norm = (v: number | null, dflt: number, lo: number, hi: number) => (v === null ? dflt : Math.min(Math.max(v < 0 ? v + n : v, lo), hi));
  const a = st > 0 ? norm(start, 0, 0, n) : norm(start, n - 1, -1, n - 1);
  const b = st > 0 ? norm(stop, n, 0, n) : norm(stop, -1, -1, n - 1);
  const out: number[] = [];
  for (let i = a; st > 0 ? i < b : i > b; i += st) out.push(i);
  return out;
}

describe('reductions', () => {
  it('sum, max and mean over any subset of axes (with keepdims) equal naive loops, empty and 0-d included', () => {
    const arb = shapeArb(4).chain((s) => fc.tuple(tensorArb(s), fc.subarray(s.map((_, i) => i)), fc.boolean()));
    fc.assert(fc.property(arb, ([x, axes, keepdims]) => {
      const ref = naiveReduce(x, axes, keepdims);
      expect(x.sum(axes, keepdims).shape).toEqual(ref.shape);
      expect(Array.from(x.sum(axes, keepdims).toTypedArray())).toEqual(ref.sum);
      const mean = Array.from(x.mean(axes, keepdims).toTypedArray());
      mean.forEach((v, i) => (Number.isNaN(ref.mean[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(ref.mean[i], 10)));
      if (ref.count > 0) expect(Array.from(x.max(axes, keepdims).toTypedArray())).toEqual(ref.max);
    }), { numRuns: 200 });
  });
});

function naiveReduce(x: Tensor, axes: number[], keepdims: boolean) {
  const shape = x.shape as number[];
  const keptShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outShape = keepdims ? keptShape : shape.filter((_, i) => !axes.includes(i));
  const n = size(keptShape);
  const sum = new Array<number>(n).fill(0);
  const max = new Array<number>(n).fill(-Infinity);
  const X = x.toTypedArray();
  for (const idx of indices(shape)) {
    const o = idx.reduce((acc, v, i) => acc * keptShape[i] + (axes.includes(i) ? 0 : v), 0);
    const v = at(X, shape, idx);
    sum[o] += v;
    max[o] = Math.max(max[o], v);
  }
  const count = axes.reduce((c, a) => c * shape[a], 1);
  return { shape: outShape, sum, max, count, mean: sum.map((s) => s / count) };
}
