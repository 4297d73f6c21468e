/**
 * Int8 inference for linear layers: weights stored as int8 (per output channel, symmetric),
 * activations quantized to int8 on the way in, products summed in int32, one float multiply
 * per output to bring the sum back to real units:
 *
 *     y[n, m] = sx·sw[m]·(Σ_k qx[n, k]·qw[m, k] − zx·Σ_k qw[m, k]) + b[m]
 *
 * (the zero point of x folds into a per-channel constant because W's zero point is 0).
 * The activation scale sx and zero point zx are fixed by calibration (static quantization)
 * or computed from each input's min and max (dynamic quantization, PyTorch's
 * `quantize_dynamic`). The fast kernel is int8.c in the WebAssembly backend; the loop below
 * is the specification it is tested equal to.
 */
import { Tensor, findKernel } from '../tensor/index.js';
import { fmtShape } from '../tensor/shape.js';
import { Module } from '../nn/module.js';
import type { Linear } from '../nn/layers/linear.js';
import type { QLinearInt8Kernel } from '../tensor/backends/wasm/int8.js';
import { calculateQParams, flatValues, quantizeValue, roundHalfEven, type QParams } from './qparams.js';
import { PerChannelMinMaxObserver } from './observers.js';

const f = Math.fround;

/** The plain-loop kernel: the specification int8.c equals bit for bit. */
export const qlinearReference: QLinearInt8Kernel = (x, inv, zx, W, wsum, scale, bias, out, N, K, M) => {
  const q = new Int8Array(N * K);
  for (let i = 0; i < N * K; i++) {
    const r = roundHalfEven(f(x[i] * inv));
    const v = r !== r ? zx : zx + r; // NaN quantizes to the zero point, as in int8.c
    q[i] = v < -128 ? -128 : v > 127 ? 127 : v;
  }
  for (let n = 0; n < N; n++) {
    for (let m = 0; m < M; m++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += q[n * K + k] * W[m * K + k];
      out[n * M + m] = f(f(scale[m] * f(acc - zx * wsum[m])) + bias[m]);
    }
  }
};

function kernel(): QLinearInt8Kernel {
  return findKernel<QLinearInt8Kernel>('qlinearInt8', 'float32') ?? qlinearReference;
}

export interface QuantizedLinearOptions {
  /** Activation scale and zero point (static quantization); omit for dynamic quantization. */
  activation?: QParams;
}

/**
 * A Linear layer with int8 weights. Built from a float `Linear` by `QuantizedLinear.from`.
 *
 * ```ts
 * const q = QuantizedLinear.from(new Linear(784, 128));   // dynamic: activation range per call
 * q.forward(x);                                           // float32 in, float32 out
 * ```
 */
export class QuantizedLinear extends Module {
  /** int8 weights (outFeatures, inFeatures), row-major. */
  readonly weightInt8: Int8Array;
  /** One scale per output channel (zero point 0). */
  readonly weightScale: Float32Array;
  readonly bias: Float32Array;
  /** Σ_k W[m, k] per output channel: folds the activation zero point out of the int32 sum. */
  readonly wsum: Int32Array;
  readonly activation: QParams | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, weightInt8: Int8Array, weightScale: Float32Array, bias: Float32Array, options: QuantizedLinearOptions = {}) {
    super();
    if (weightInt8.length !== inFeatures * outFeatures || weightScale.length !== outFeatures || bias.length !== outFeatures) {
      throw new RangeError(`QuantizedLinear: weights must have ${outFeatures}×${inFeatures} values and ${outFeatures} scales and biases, got ${weightInt8.length}, ${weightScale.length} and ${bias.length}`);
    }
    this.weightInt8 = weightInt8; this.weightScale = weightScale; this.bias = bias;
    this.activation = options.activation ?? null;
    this.wsum = new Int32Array(outFeatures);
    for (let m = 0; m < outFeatures; m++) {
      let s = 0;
      for (let k = 0; k < inFeatures; k++) s += weightInt8[m * inFeatures + k];
      this.wsum[m] = s;
    }
  }

  /** Quantizes a float Linear's weights per output channel, symmetric qint8 (PyTorch's default for weights). */
  static from(linear: Linear, options: QuantizedLinearOptions = {}): QuantizedLinear {
    return QuantizedLinear.fromWeights(linear.weight, linear.bias, options);
  }

  /** The same from a weight matrix (out, in) and an optional bias (out,). */
  static fromWeights(weight: Tensor, bias: Tensor | null, options: QuantizedLinearOptions = {}): QuantizedLinear {
    if (weight.ndim !== 2) throw new RangeError(`QuantizedLinear.fromWeights: weight must be (out, in), got ${fmtShape(weight.shape)}`);
    const [M, K] = weight.shape;
    const obs = new PerChannelMinMaxObserver({ axis: 0, scheme: 'symmetric', dtype: 'qint8' });
    obs.observe(weight);
    const { scale } = obs.calculateQParams();
    const w = flatValues(weight);
    const q = new Int8Array(M * K);
    for (let m = 0; m < M; m++) for (let k = 0; k < K; k++) q[m * K + k] = quantizeValue(w[m * K + k], scale[m], 0, -128, 127);
    const b = bias ? Float32Array.from(flatValues(bias)) : new Float32Array(M);
    return new QuantizedLinear(K, M, q, scale, b, options);
  }

  /** Bytes of parameters: int8 weights plus float32 scales and biases. */
  byteSize(): number {
    return this.weightInt8.length + 4 * (this.weightScale.length + this.bias.length);
  }

  forward(x: Tensor): Tensor {
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new RangeError(`QuantizedLinear: expected input with last dimension ${this.inFeatures}, got shape ${fmtShape(x.shape)}`);
    }
    const K = this.inFeatures, M = this.outFeatures, N = x.size / K;
    const v = flatValues(x), xs = v instanceof Float32Array ? v : Float32Array.from(v);
    let p = this.activation;
    if (p === null) {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < xs.length; i++) { if (xs[i] < lo) lo = xs[i]; if (xs[i] > hi) hi = xs[i]; }
      p = calculateQParams(N === 0 ? 0 : lo, N === 0 ? 0 : hi, { dtype: 'qint8' });
    }
    const scale = new Float32Array(M);
    for (let m = 0; m < M; m++) scale[m] = p.scale * this.weightScale[m];
    const out = new Float32Array(N * M);
    if (N > 0) kernel()(xs, f(1 / f(p.scale)), p.zeroPoint, this.weightInt8, this.wsum, scale, this.bias, out, N, K, M);
    return new Tensor(out, [...x.shape.slice(0, -1), M], 'float32');
  }

  protected override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, ${this.activation ? `static activation scale=${this.activation.scale.toPrecision(4)}, zeroPoint=${this.activation.zeroPoint}` : 'dynamic'}`;
  }
}
