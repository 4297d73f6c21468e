/**
 * Broadcasting binary kernels: add, sub, mul and div over one block of three nested
 * strided loops (ops/elementwise.ts `planLoops`; any layout is a run of such blocks), with the arithmetic written out in
 * each loop so V8 can compile it inline. The reference calls a scalar function per element
 * through one call site shared by every op, which V8 cannot inline.
 *
 * The patterns this serves, as loops after merging axes (a is the full operand):
 *   (N, L, E) + (E)          bias row:          sizes [N·L, E]   b strides [0, 1]
 *   (R, C) − (R, 1)          keepdims statistic: sizes [R, C]    b strides [1, 0]
 *   (N, H, L, L) + (L, L)    mask on every head: sizes [N·H, L·L] b strides [0, 1]
 *   an expanded gradient g.expand(shape) times a full tensor, transposed views, …
 *
 * The innermost loop has a variant for a repeated value (stride 0), the keepdims case,
 * where the value is read once per row. Same numbers as the reference, element by element:
 * test/tensor/broadcast-kernels.test.ts checks it.
 */
import type { Kernel } from '../backend.js';
import type { BroadcastKernel } from '../ops/elementwise.js';

const FLOATS = ['float32', 'float64'] as const;

const add: BroadcastKernel = (A, B, out, p) => {
  const { n0, n1, n2, a0, a1, a2, b0, b1, b2 } = p;
  let o = p.oOff;
  for (let i = 0, ia = p.aOff, ib = p.bOff; i < n0; i++, ia += a0, ib += b0) {
    for (let j = 0, ja = ia, jb = ib; j < n1; j++, ja += a1, jb += b1) {
      if (b2 === 0) { const v = B[jb]; for (let k = 0, ka = ja; k < n2; k++, ka += a2) out[o++] = A[ka] + v; }
      else if (a2 === 0) { const v = A[ja]; for (let k = 0, kb = jb; k < n2; k++, kb += b2) out[o++] = v + B[kb]; }
      else for (let k = 0, ka = ja, kb = jb; k < n2; k++, ka += a2, kb += b2) out[o++] = A[ka] + B[kb];
    }
  }
};

const sub: BroadcastKernel = (A, B, out, p) => {
  const { n0, n1, n2, a0, a1, a2, b0, b1, b2 } = p;
  let o = p.oOff;
  for (let i = 0, ia = p.aOff, ib = p.bOff; i < n0; i++, ia += a0, ib += b0) {
    for (let j = 0, ja = ia, jb = ib; j < n1; j++, ja += a1, jb += b1) {
      if (b2 === 0) { const v = B[jb]; for (let k = 0, ka = ja; k < n2; k++, ka += a2) out[o++] = A[ka] - v; }
      else if (a2 === 0) { const v = A[ja]; for (let k = 0, kb = jb; k < n2; k++, kb += b2) out[o++] = v - B[kb]; }
      else for (let k = 0, ka = ja, kb = jb; k < n2; k++, ka += a2, kb += b2) out[o++] = A[ka] - B[kb];
    }
  }
};

const mul: BroadcastKernel = (A, B, out, p) => {
  const { n0, n1, n2, a0, a1, a2, b0, b1, b2 } = p;
  let o = p.oOff;
  for (let i = 0, ia = p.aOff, ib = p.bOff; i < n0; i++, ia += a0, ib += b0) {
    for (let j = 0, ja = ia, jb = ib; j < n1; j++, ja += a1, jb += b1) {
      if (b2 === 0) { const v = B[jb]; for (let k = 0, ka = ja; k < n2; k++, ka += a2) out[o++] = A[ka] * v; }
      else if (a2 === 0) { const v = A[ja]; for (let k = 0, kb = jb; k < n2; k++, kb += b2) out[o++] = v * B[kb]; }
      else for (let k = 0, ka = ja, kb = jb; k < n2; k++, ka += a2, kb += b2) out[o++] = A[ka] * B[kb];
    }
  }
};

const div: BroadcastKernel = (A, B, out, p) => {
  const { n0, n1, n2, a0, a1, a2, b0, b1, b2 } = p;
  let o = p.oOff;
  for (let i = 0, ia = p.aOff, ib = p.bOff; i < n0; i++, ia += a0, ib += b0) {
    for (let j = 0, ja = ia, jb = ib; j < n1; j++, ja += a1, jb += b1) {
      // Division by the repeated value stays a division: multiplying by 1/v would round differently.
      if (b2 === 0) { const v = B[jb]; for (let k = 0, ka = ja; k < n2; k++, ka += a2) out[o++] = A[ka] / v; }
      else if (a2 === 0) { const v = A[ja]; for (let k = 0, kb = jb; k < n2; k++, kb += b2) out[o++] = v / B[kb]; }
      else for (let k = 0, ka = ja, kb = jb; k < n2; k++, ka += a2, kb += b2) out[o++] = A[ka] / B[kb];
    }
  }
};

export const jsBroadcastKernels: Kernel<BroadcastKernel>[] = Object.entries({ add, sub, mul, div }).map(([op, fn]) => ({
  op: `broadcast:${op}`, backend: 'js-broadcast', dtypes: FLOATS, priority: 1, fn,
}));
