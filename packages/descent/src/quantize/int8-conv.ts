/**
 * Int8 2-D convolution as im2col + the int8 linear kernel: every receptive field becomes a
 * row of (C·kh·kw) values, and the filters, flattened to (O, C·kh·kw) and quantized per
 * output channel, multiply those rows with int32 accumulation (int8.c):
 *
 *     x (N, C, H, W) → cols (N, C·kh·kw, L) → rows (N·L, C·kh·kw) → (N·L, O) → (N, O, Ho, Wo)
 *
 * Zero padding stays exact: 0 is always representable (the activation range includes it).
 */
import type { Tensor } from '../tensor/index.js';
import { unfold2d } from '../tensor/ops/unfold.js';
import { fmtShape } from '../tensor/shape.js';
import { Module } from '../nn/module.js';
import type { Conv2d } from '../nn/layers/conv.js';
import { QuantizedLinear, type QuantizedLinearOptions } from './int8-linear.js';

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
    const [N, , H, W] = x.shape, [kh, kw] = this.kernelSize;
    const cols = unfold2d(x, { kernelSize: this.kernelSize, stride: this.stride, padding: this.padding, dilation: this.dilation }); // (N, C·kh·kw, L)
    const Ho = Math.floor((H + 2 * this.padding[0] - this.dilation[0] * (kh - 1) - 1) / this.stride[0]) + 1;
    const Wo = Math.floor((W + 2 * this.padding[1] - this.dilation[1] * (kw - 1) - 1) / this.stride[1]) + 1;
    const rows = cols.transpose(1, 2);                  // (N, L, C·kh·kw)
    const y = this.inner.forward(rows);                 // (N, L, O)
    return y.transpose(1, 2).reshape([N, this.outChannels, Ho, Wo]); // (N, O, Ho, Wo)
  }

  protected override extraRepr(): string {
    return `${this.inChannels}, ${this.outChannels}, kernelSize=(${this.kernelSize.join(', ')}), stride=(${this.stride.join(', ')}), padding=(${this.padding.join(', ')})`;
  }
}
