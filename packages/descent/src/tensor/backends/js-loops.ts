/**
 * Specialized loops for the hottest elementwise ops and the full sum. The reference loops
 * in `ops/elementwise.ts` call a scalar function per element, one call site shared by every
 * op, which V8 cannot inline; a loop per op with the arithmetic written out runs several
 * times faster. Same numbers as the reference: the tests in `backends.test.ts` check it.
 */
import type { Kernel } from '../backend.js';
import type { TypedArray } from '../dtype.js';
import type { BinaryKernel, UnaryKernel } from '../ops/elementwise.js';
import type { SumAllKernel } from '../ops/reduce.js';

const FLOATS = ['float32', 'float64'] as const;

const add: BinaryKernel = (a, ao, as, b, bo, bs, out, n) => {
  if (as === 1 && bs === 1) for (let i = 0; i < n; i++) out[i] = a[ao + i] + b[bo + i];
  else if (as === 1) { const v = b[bo]; for (let i = 0; i < n; i++) out[i] = a[ao + i] + v; }
  else if (bs === 1) { const v = a[ao]; for (let i = 0; i < n; i++) out[i] = v + b[bo + i]; }
  else out.fill(a[ao] + b[bo], 0, n);
};

const sub: BinaryKernel = (a, ao, as, b, bo, bs, out, n) => {
  if (as === 1 && bs === 1) for (let i = 0; i < n; i++) out[i] = a[ao + i] - b[bo + i];
  else if (as === 1) { const v = b[bo]; for (let i = 0; i < n; i++) out[i] = a[ao + i] - v; }
  else if (bs === 1) { const v = a[ao]; for (let i = 0; i < n; i++) out[i] = v - b[bo + i]; }
  else out.fill(a[ao] - b[bo], 0, n);
};

const mul: BinaryKernel = (a, ao, as, b, bo, bs, out, n) => {
  if (as === 1 && bs === 1) for (let i = 0; i < n; i++) out[i] = a[ao + i] * b[bo + i];
  else if (as === 1) { const v = b[bo]; for (let i = 0; i < n; i++) out[i] = a[ao + i] * v; }
  else if (bs === 1) { const v = a[ao]; for (let i = 0; i < n; i++) out[i] = v * b[bo + i]; }
  else out.fill(a[ao] * b[bo], 0, n);
};

const div: BinaryKernel = (a, ao, as, b, bo, bs, out, n) => {
  if (as === 1 && bs === 1) for (let i = 0; i < n; i++) out[i] = a[ao + i] / b[bo + i];
  else if (as === 1) { const v = b[bo]; for (let i = 0; i < n; i++) out[i] = a[ao + i] / v; }
  else if (bs === 1) { const v = a[ao]; for (let i = 0; i < n; i++) out[i] = v / b[bo + i]; }
  else out.fill(a[ao] / b[bo], 0, n);
};

const exp: UnaryKernel = (x, xo, out, n) => { for (let i = 0; i < n; i++) out[i] = Math.exp(x[xo + i]); };
const log: UnaryKernel = (x, xo, out, n) => { for (let i = 0; i < n; i++) out[i] = Math.log(x[xo + i]); };
const neg: UnaryKernel = (x, xo, out, n) => { for (let i = 0; i < n; i++) out[i] = -x[xo + i]; };
const sqrt: UnaryKernel = (x, xo, out, n) => { for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[xo + i]); };
const tanh: UnaryKernel = (x, xo, out, n) => { for (let i = 0; i < n; i++) out[i] = Math.tanh(x[xo + i]); };
// The reference's two branches (e^x/(1+e^x) below 0), so neither overflows; LSTM and GRU gates live here.
const sigmoid: UnaryKernel = (x, xo, out, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[xo + i];
    if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
    else { const e = Math.exp(v); out[i] = e / (1 + e); }
  }
};

/** Sums in float64 with four independent accumulators (more instruction-level parallelism). */
const sumAll: SumAllKernel = (x: TypedArray, off: number, n: number) => {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += x[off + i];
    s1 += x[off + i + 1];
    s2 += x[off + i + 2];
    s3 += x[off + i + 3];
  }
  for (; i < n; i++) s0 += x[off + i];
  return (s0 + s1) + (s2 + s3);
};

export const jsLoopsKernels: Kernel[] = [
  ...Object.entries({ add, sub, mul, div }).map(([op, fn]) => ({ op, backend: 'js-loops', dtypes: FLOATS, priority: 1, fn })),
  ...Object.entries({ exp, log, neg, sqrt, tanh, sigmoid }).map(([op, fn]) => ({ op, backend: 'js-loops', dtypes: FLOATS, priority: 1, fn })),
  { op: 'sumAll', backend: 'js-loops', dtypes: FLOATS, priority: 1, fn: sumAll },
];
