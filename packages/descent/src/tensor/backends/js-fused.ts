/**
 * The fused kernels in plain JavaScript: optimizer steps (`js-optim.ts`), the linear layer
 * and the convolution with their biases, softmax with cross-entropy, relu and GELU. Each
 * replaces a chain of ops that stays written out beside the code that calls it
 * (`optim/algorithms.ts`, `nn/functional/fused.ts`, `ops/composite.ts`) and is tested
 * equal to that chain. The products inside `linear` and `convBias` call the registry's
 * fastest `matmul` kernel, so a faster matmul backend speeds them up too.
 */
import { findKernel, type Kernel } from '../backend.js';
import type { TypedArray } from '../dtype.js';
import type { MatmulKernel } from '../ops/matmul.js';
import type { UnaryKernel } from '../ops/elementwise.js';
import { matmulBlocked } from './js-blocked/matmul.js';
import { jsOptimKernels } from './js-optim.js';
import { erfScalar } from '../ops/unary.js';

/** out (N, M) = x (N, K) · Wᵀ + b, with W (M, K) and b (M,) contiguous, all of one float dtype. */
export type LinearKernel = (x: TypedArray, xOff: number, W: TypedArray, wOff: number, b: TypedArray, bOff: number, out: TypedArray, N: number, K: number, M: number) => void;

/**
 * Softmax cross-entropy of logits (N, C) with class indices y: writes softmax(z) into
 * `probs` (N, C) and returns Σᵢ (logsumexp(zᵢ) − zᵢ,yᵢ), summed in float64.
 */
export type CrossEntropyKernel = (z: TypedArray, zOff: number, y: Int32Array, N: number, C: number, probs: TypedArray) => number;

/**
 * out[n] (O, L) = W (O, K) · cols[n] (K, L) + b ⊗ 1 for n < N: a convolution as a matmul over
 * unfolded windows, with its bias added in the same pass. All contiguous, one float dtype.
 */
export type ConvBiasKernel = (W: TypedArray, wOff: number, cols: TypedArray, cOff: number, b: TypedArray, bOff: number, out: TypedArray, N: number, O: number, K: number, L: number) => void;

/**
 * out = x·Wᵀ + b: W (M, K) is transposed into a (K, M) scratch (M·K values, small against
 * the product's N·K·M), the registry's matmul kernel writes x·Wᵀ, then each row gets b.
 */
// The Wᵀ scratch is kept between calls (kernels run to completion, one at a time): a fresh
// typed array per forward pass costs an off-heap allocation and later a GC.
let scratch32 = new Float32Array(0);
let scratch64 = new Float64Array(0);

const linear: LinearKernel = (x, xOff, W, wOff, b, bOff, out, N, K, M) => {
  let Wt: Float32Array | Float64Array;
  if (out instanceof Float32Array) {
    if (scratch32.length < K * M) scratch32 = new Float32Array(K * M);
    Wt = scratch32;
  } else {
    if (scratch64.length < K * M) scratch64 = new Float64Array(K * M);
    Wt = scratch64;
  }
  for (let m = 0; m < M; m++) for (let k = 0; k < K; k++) Wt[k * M + m] = W[wOff + m * K + k];
  const mm = findKernel<MatmulKernel>('matmul', out instanceof Float32Array ? 'float32' : 'float64') ?? (matmulBlocked as MatmulKernel);
  mm(x, xOff, Wt, 0, out, 0, N, K, M);
  for (let i = 0; i < N; i++) {
    const row = i * M;
    for (let m = 0; m < M; m++) out[row + m] += b[bOff + m];
  }
};

/** One matmul per sample through the registry's kernel, then b[o] added along each output row while it is in cache. */
const convBias: ConvBiasKernel = (W, wOff, cols, cOff, b, bOff, out, N, O, K, L) => {
  const mm = findKernel<MatmulKernel>('matmul', out instanceof Float32Array ? 'float32' : 'float64') ?? (matmulBlocked as MatmulKernel);
  for (let n = 0; n < N; n++) {
    const o0 = n * O * L;
    mm(W, wOff, cols, cOff + n * K * L, out, o0, O, K, L);
    for (let o = 0; o < O; o++) {
      const bo = b[bOff + o];
      const row = o0 + o * L;
      for (let l = 0; l < L; l++) out[row + l] += bo;
    }
  }
};

/** One pass per row: the maximum, e^(z − max) into probs with their sum, then normalise; the loss is max + log Σ − z_y. */
const softmaxCrossEntropy: CrossEntropyKernel = (z: TypedArray, zOff, y, N, C, probs) => {
  let total = 0;
  for (let i = 0; i < N; i++) {
    const row = zOff + i * C;
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (z[row + c] > max) max = z[row + c];
    if (max === Infinity || max === -Infinity || Number.isNaN(max)) max = 0; // as logsumexp: no ∞ − ∞
    let sum = 0;
    for (let c = 0; c < C; c++) sum += probs[i * C + c] = Math.exp(z[row + c] - max);
    const inv = 1 / sum;
    for (let c = 0; c < C; c++) probs[i * C + c] *= inv;
    total += max + Math.log(sum) - z[row + y[i]];
  }
  return total;
};

/** max(x, 0) as ops/composite.ts's relu writes it: NaN passes through (v !== v), −0 gives +0. */
const relu: UnaryKernel = (x, xOff, out, n) => {
  for (let i = 0; i < n; i++) { const v = x[xOff + i]; out[i] = v > 0 || v !== v ? v : 0; }
};

/**
 * GELU, x·Φ(x), in one loop: 'gelu' the exact form 0.5·x·(1 + erf(x/√2)), 'geluTanh' the
 * approximation 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), each as the composition in
 * nn/functional/activations.ts orders it, in double precision and rounded once on storing.
 */
const gelu: UnaryKernel = (x, xOff, out, n) => {
  for (let i = 0; i < n; i++) { const v = x[xOff + i]; out[i] = v * (erfScalar(v * Math.SQRT1_2) + 1) * 0.5; }
};
const GELU_C = Math.sqrt(2 / Math.PI);
const geluTanh: UnaryKernel = (x, xOff, out, n) => {
  for (let i = 0; i < n; i++) { const v = x[xOff + i]; out[i] = v * (Math.tanh((v + v * v * v * 0.044715) * GELU_C) + 1) * 0.5; }
};

/**
 * GELU's derivative, for its backward: 'geluGrad' Φ(x) + x·φ(x) with Φ(x) = (1 + erf(x/√2))/2
 * and φ(x) = e^(−x²/2)/√(2π); 'geluTanhGrad' (1 + t)/2 + (x/2)(1 − t²)·u′ with t = tanh u,
 * u = √(2/π)(x + 0.044715x³), u′ = √(2/π)(1 + 3·0.044715x²). Double precision, rounded once.
 */
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const geluGrad: UnaryKernel = (x, xOff, out, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[xOff + i];
    out[i] = (erfScalar(v * Math.SQRT1_2) + 1) * 0.5 + v * Math.exp(-0.5 * v * v) * INV_SQRT_2PI;
  }
};
const geluTanhGrad: UnaryKernel = (x, xOff, out, n) => {
  for (let i = 0; i < n; i++) {
    const v = x[xOff + i];
    const t = Math.tanh((v + v * v * v * 0.044715) * GELU_C);
    out[i] = (1 + t) * 0.5 + v * 0.5 * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * v * v);
  }
};

const FLOATS = ['float32', 'float64'] as const;

export const jsFusedKernels: Kernel[] = [
  ...jsOptimKernels,
  { op: 'linear', backend: 'js-fused', dtypes: FLOATS, priority: 1, fn: linear },
  { op: 'convBias', backend: 'js-fused', dtypes: FLOATS, priority: 1, fn: convBias },
  { op: 'relu', backend: 'js-fused', dtypes: FLOATS, priority: 1, fn: relu },
  { op: 'softmaxCrossEntropy', backend: 'js-fused', dtypes: FLOATS, priority: 1, fn: softmaxCrossEntropy },
  { op: 'gelu', backend: 'js-fused', dtypes: FLOATS, priority: 1, fn: gelu },
  { op: 'geluTanh', backend: 'js-fused', dtypes: FLOATS, priority: 1, fn: geluTanh },
  { op: 'geluGrad', backend: 'js-fused', dtypes: FLOATS, priority: 1, fn: geluGrad },
  { op: 'geluTanhGrad', backend: 'js-fused', dtypes: FLOATS, priority: 1, fn: geluTanhGrad },
];
