/**
 * Reductions and row-wise kernels without index lists or per-element closures:
 *
 * - `sumStrided`: sums over any axes by walking the input once in row-major order and
 *   adding each element into its output's float64 accumulator. Each output receives its
 *   terms in the order the reference adds them (row-major over the reduced axes), in
 *   float64 like the reference, so the sums are identical.
 * - `maxRuns`/`minRuns`: max/min of consecutive runs (a reduction over the last axes of a
 *   contiguous tensor), NaN winning as in the reference.
 * - `softmax`/`logSoftmax`: the composite ops' forward (ops/composite.ts) fused into one
 *   pass per row, rounding every intermediate to float32 where the composition stores it
 *   in a float32 tensor, so the values equal the composition's exactly.
 *
 * Tested equal to the reference in test/tensor/reduce-kernels.test.ts.
 */
import type { Kernel } from '../backend.js';
import type { TypedArray } from '../dtype.js';
import type { Loops3 } from '../ops/elementwise.js';
import type { ExtremeRunsKernel, SumStridedKernel } from '../ops/reduce.js';
import type { RowwiseKernel } from '../ops/composite.js';

const FLOATS = ['float32', 'float64'] as const;

/** acc[o] += x[i] over three loops: `a*` strides walk x, `b*` strides walk acc (0 along reduced axes). */
const sumStrided: SumStridedKernel = (X: TypedArray, acc: Float64Array, p: Loops3) => {
  const { n0, n1, n2, a0, a1, a2, b0, b1, b2 } = p;
  for (let i = 0, ia = p.aOff, ib = p.bOff; i < n0; i++, ia += a0, ib += b0) {
    for (let j = 0, ja = ia, jb = ib; j < n1; j++, ja += a1, jb += b1) {
      if (b2 === 0) {
        // The innermost loop is a reduced axis: keep the running sum in a register.
        let s = acc[jb];
        for (let k = 0, ka = ja; k < n2; k++, ka += a2) s += X[ka];
        acc[jb] = s;
      } else {
        for (let k = 0, ka = ja, kb = jb; k < n2; k++, ka += a2, kb += b2) acc[kb] += X[ka];
      }
    }
  }
};

/** The row maximum as the reference `max` computes it (NaN if any element is NaN). */
function rowMax(X: TypedArray, base: number, n: number, step: number): number {
  let m = X[base];
  for (let j = 1, at = base + step; j < n; j++, at += step) {
    const v = X[at];
    if (v !== v) return NaN;
    if (v > m) m = v;
  }
  return m;
}

/** The row minimum, likewise. (Two loops, not one taking a comparison: V8 inlines these.) */
function rowMin(X: TypedArray, base: number, n: number, step: number): number {
  let m = X[base];
  for (let j = 1, at = base + step; j < n; j++, at += step) {
    const v = X[at];
    if (v !== v) return NaN;
    if (v < m) m = v;
  }
  return m;
}

const maxRuns: ExtremeRunsKernel = (X, off, runs, n, out) => {
  for (let r = 0, base = off; r < runs; r++, base += n) out[r] = rowMax(X, base, n, 1);
};

const minRuns: ExtremeRunsKernel = (X, off, runs, n, out) => {
  for (let r = 0, base = off; r < runs; r++, base += n) out[r] = rowMin(X, base, n, 1);
};

/**
 * softmax along an axis of length n, for `outer` blocks of `inner` interleaved rows
 * (contiguous x of shape (outer, n, inner)). Row by row, as the composition does it:
 * e = exp(x − max), then e / Σe, with Σe accumulated in float64 and stored in the dtype.
 */
const softmax: RowwiseKernel = (X, off, outer, n, inner, out, f32) => {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const start = o * n * inner + i;
      const m = rowMax(X, off + start, n, inner);
      let s = 0;
      for (let j = 0, at = start; j < n; j++, at += inner) {
        const d = X[off + at] - m;
        out[at] = Math.exp(f32 ? Math.fround(d) : d); // stored in the dtype, as exp() would
        s += out[at];
      }
      const sum = f32 ? Math.fround(s) : s;
      for (let j = 0, at = start; j < n; j++, at += inner) out[at] /= sum;
    }
  }
};

/**
 * log softmax along an axis, as x − logsumexp(x): logsumexp = m + log Σ exp(x − m) with m
 * the row maximum, replaced by 0 when it is not finite (the composition's `safeM`).
 */
const logSoftmax: RowwiseKernel = (X, off, outer, n, inner, out, f32) => {
  const r = (v: number) => (f32 ? Math.fround(v) : v);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const start = o * n * inner + i;
      const mRaw = rowMax(X, off + start, n, inner);
      const m = Number.isFinite(mRaw) ? mRaw : 0;
      let s = 0;
      for (let j = 0, at = off + start; j < n; j++, at += inner) s += r(Math.exp(r(X[at] - m)));
      const lse = r(r(Math.log(r(s))) + m);
      for (let j = 0, at = start; j < n; j++, at += inner) out[at] = X[off + at] - lse;
    }
  }
};

export const jsReduceKernels: Kernel[] = [
  { op: 'sumStrided', backend: 'js-reduce', dtypes: ['float32', 'float64', 'int32', 'bool'], priority: 1, fn: sumStrided },
  { op: 'maxRuns', backend: 'js-reduce', dtypes: ['float32', 'float64', 'int32', 'bool'], priority: 1, fn: maxRuns },
  { op: 'minRuns', backend: 'js-reduce', dtypes: ['float32', 'float64', 'int32', 'bool'], priority: 1, fn: minRuns },
  { op: 'softmax', backend: 'js-reduce', dtypes: FLOATS, priority: 1, fn: softmax },
  { op: 'logSoftmax', backend: 'js-reduce', dtypes: FLOATS, priority: 1, fn: logSoftmax },
];
