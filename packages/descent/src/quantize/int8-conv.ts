/**
 * Int8 2-D convolution as im2col + the int8 linear kernel: every receptive field becomes a
 * row of (C·kh·kw) values (quantized while gathered, int8.c `im2col_quantize_i8`), and the filters, flattened to (O, C·kh·kw) and quantized per
 * output channel, multiply those rows with int32 accumulation (int8.c):
 *
 *     x (N, C, H, W) → cols (N, C·kh·kw, L) → rows (N·L, C·kh·kw) → (N·L, O) → (N, O, Ho, Wo)
 *
 * Zero padding stays exact: 0 is always representable (the activation range includes it).
 */
import { Tensor, findKernel } from '../tensor/index.js';
import { unfold2d } from '../tensor/ops/unfold.js';
import { fmtShape } from '../tensor/shape.js';
import { Module } from '../nn/module.js';
import type { Conv2d } from '../nn/layers/conv.js';
import { QuantizedLinear, qlinearReference, type QuantizedLinearOptions } from './int8-linear.js';
import type { QConv2dInt8Kernel, QConvGeometry } from '../tensor/backends/wasm/int8.js';
import { calculateQParams, flatValues } from './qparams.js';

const f = Math.fround;

/**
 * The specification of the `qconv2dInt8` kernel: unfold2d's receptive fields, transposed to
 * rows, through the int8 linear reference. Output (N·Ho·Wo, M).
 */
export const qconvReference: QConv2dInt8Kernel = (x, g, inv, zx, W, wsum, scale, bias, out) => {
  const t = new Tensor(x, [g.N, g.C, g.H, g.W], 'float32');
  const cols = unfold2d(t, { kernelSize: [g.kh, g.kw], stride: [g.sh, g.sw], padding: [g.ph, g.pw], dilation: [g.dh, g.dw] }); // (N, K, L)
  const rows = flatValues(cols.transpose(1, 2)) as Float32Array; // (N, L, K)
  qlinearReference(rows, inv, zx, W, wsum, scale, bias, out, g.N * g.Ho * g.Wo, g.C * g.kh * g.kw, scale.length);
};

type Pair = [number, number];
const pair = (v: number | readonly number[] | undefined, d: number): Pair => (v === undefined ? [d, d] : typeof v === 'number' ? [v, v] : [v[0], v[1]]);

/**
 * A Conv2d layer (groups = 1) with int8 weights and activations.
 *
 * ```ts
 * const q = QuantizedConv2d.from(new Conv2d(1, 8, 3, { padding: 1 }), { activation: { scale: 0.02, zeroPoint: 0 } });
 * q.forward(randn([2, 1, 8, 8])).shape;   // [2, 8, 8, 8]
 * ```
 */
export class QuantizedConv2d extends Module {
  private constructor(
    readonly inner: QuantizedLinear, readonly inChannels: number, readonly outChannels: number,
    readonly kernelSize: Pair, readonly stride: Pair, readonly padding: Pair, readonly dilation: Pair,
  ) {
    super();
  }

  static from(conv: Conv2d, options: QuantizedLinearOptions = {}): QuantizedConv2d {
    const o = conv.options as { stride?: number | number[]; padding?: number | number[] | string; dilation?: number | number[]; groups?: number };
    if ((o.groups ?? 1) !== 1) throw new RangeError(`QuantizedConv2d.from: only groups = 1 is supported, got groups = ${o.groups}`);
    if (typeof o.padding === 'string') throw new RangeError(`QuantizedConv2d.from: give padding as numbers, got '${o.padding}'`);
    const [kh, kw] = conv.kernelSize, O = conv.outChannels, C = conv.inChannels;
    const inner = QuantizedLinear.fromWeights(conv.weight.reshape([O, C * kh * kw]), conv.bias, options);
    return new QuantizedConv2d(inner, C, O, [kh, kw], pair(o.stride as number | number[] | undefined, 1), pair(o.padding as number | number[] | undefined, 0), pair(o.dilation as number | number[] | undefined, 1));
  }

  get activation() { return this.inner.activation; }

  byteSize(): number { return this.inner.byteSize(); }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 4 || x.shape[1] !== this.inChannels) {
      throw new RangeError(`QuantizedConv2d: expected input (N, ${this.inChannels}, H, W), got ${fmtShape(x.shape)}`);
    }
    const [N, C, H, W] = x.shape, [kh, kw] = this.kernelSize;
    const Ho = Math.floor((H + 2 * this.padding[0] - this.dilation[0] * (kh - 1) - 1) / this.stride[0]) + 1;
    const Wo = Math.floor((W + 2 * this.padding[1] - this.dilation[1] * (kw - 1) - 1) / this.stride[1]) + 1;
    if (Ho < 1 || Wo < 1) throw new RangeError(`QuantizedConv2d: the ${kh}×${kw} kernel does not fit the ${H}×${W} input; use a smaller kernel or more padding`);
    const v = flatValues(x), xs = v instanceof Float32Array ? v : Float32Array.from(v);
    let p = this.inner.activation;
    if (p === null) {
      let lo = 0, hi = 0;
      for (let i = 0; i < xs.length; i++) { if (xs[i] < lo) lo = xs[i]; if (xs[i] > hi) hi = xs[i]; }
      p = calculateQParams(lo, hi, { dtype: 'qint8' });
    }
    const M = this.outChannels, scale = new Float32Array(M);
    for (let m = 0; m < M; m++) scale[m] = p.scale * this.inner.weightScale[m];
    const g: QConvGeometry = { N, C, H, W, kh, kw, sh: this.stride[0], sw: this.stride[1], ph: this.padding[0], pw: this.padding[1], dh: this.dilation[0], dw: this.dilation[1], Ho, Wo };
    const out = new Float32Array(N * Ho * Wo * M);
    const kernel = findKernel<QConv2dInt8Kernel>('qconv2dInt8', 'float32') ?? qconvReference;
    if (out.length > 0) kernel(xs, g, f(1 / f(p.scale)), p.zeroPoint, this.inner.weightInt8, this.inner.wsum, scale, this.inner.bias, out);
    return new Tensor(out, [N, Ho * Wo, M], 'float32').transpose(1, 2).reshape([N, M, Ho, Wo]); // (N, L, O) -> (N, O, Ho, Wo)
  }

  protected override extraRepr(): string {
    return `${this.inChannels}, ${this.outChannels}, kernelSize=(${this.kernelSize.join(', ')}), stride=(${this.stride.join(', ')}), padding=(${this.padding.join(', ')})`;
  }
}
