/**
 * Convolution and pooling, by im2col (`unfold2d`) and a matrix product: the sliding
 * windows become columns, and a convolution with O filters of C·kh·kw weights each is
 * W (O, C·kh·kw) @ columns (C·kh·kw, L). Pooling reduces each window's column.
 * (Strictly this is cross-correlation, as in every deep-learning library.)
 */
import { Tensor, concat, unfold2d, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module, Parameter } from '../module.js';
import { fans, kaimingUniform, uniformInit } from '../init.js';
import { fusedConvBias } from '../functional/fused.js';
import { fastAvgPool2d, fastConv2d, fastMaxPool2d } from './conv-fast.js';

export type Pair = number | [number, number];
export const pair = (v: Pair): [number, number] => (typeof v === 'number' ? [v, v] : v);

/**
 * A convolution layer's weight and bias, as PyTorch's `_ConvNd.reset_parameters` makes them:
 * weight kaiming_uniform(a = √5), bias uniform ±1/√fan_in, where fan_in is the weight's
 * second axis times the kernel size. The weight is (Cout, Cin/groups, …kernel), or
 * (Cin, Cout/groups, …kernel) for a transposed convolution, whose fan_in is then Cout/groups·k.
 */
export function convParameters(layer: string, inChannels: number, outChannels: number, kernel: number[], options: { groups?: number; bias?: boolean; dtype?: DType }, transposed = false): { weight: Parameter; bias: Parameter | null } {
  const groups = options.groups ?? 1;
  if (inChannels % groups !== 0 || outChannels % groups !== 0) {
    throw new RangeError(`${layer}: in (${inChannels}) and out (${outChannels}) channels must both be divisible by groups (${groups})`);
  }
  const shape = transposed ? [inChannels, outChannels / groups, ...kernel] : [outChannels, inChannels / groups, ...kernel];
  const weight = new Parameter(kaimingUniform(shape, { a: Math.sqrt(5), dtype: options.dtype }));
  const bound = 1 / Math.sqrt(fans(shape).fanIn);
  const bias = options.bias === false ? null : new Parameter(uniformInit([outChannels], -bound, bound, { dtype: options.dtype }));
  return { weight, bias };
}

/** What a convolution layer prints between its parentheses: channels, kernel, and the options set. */
export function convRepr(inChannels: number, outChannels: number, kernel: string, o: { stride?: unknown; padding?: unknown; outputPadding?: unknown; dilation?: unknown; groups?: number }): string {
  const extras = [o.stride && `stride=${o.stride}`, o.padding && `padding=${o.padding}`, o.outputPadding && `outputPadding=${o.outputPadding}`,
    o.dilation && `dilation=${o.dilation}`, o.groups && o.groups > 1 && `groups=${o.groups}`].filter(Boolean);
  return [`${inChannels}, ${outChannels}, kernelSize=${kernel}`, ...extras].join(', ');
}

export interface Conv2dOptions {
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  groups?: number;
  bias?: boolean;
}

/**
 * 2-D convolution: (N, Cin, H, W) with weight (Cout, Cin/groups, kh, kw) → (N, Cout, Hout, Wout).
 * With groups = g, input and output channels split into g independent groups.
 */
export function conv2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: Omit<Conv2dOptions, 'bias'> = {}): Tensor {
  if (x.ndim !== 4) throw new RangeError(`conv2d: expected input of shape (N, C, H, W), got ${fmtShape(x.shape)}`);
  const [N, C] = x.shape;
  const [O, Cg, kh, kw] = weight.shape;
  const groups = options.groups ?? 1;
  if (C !== Cg * groups) {
    throw new RangeError(`conv2d: input has ${C} channels but the weight expects ${Cg} per group × ${groups} groups = ${Cg * groups} (weight shape ${fmtShape(weight.shape)})`);
  }
  if (O % groups !== 0) throw new RangeError(`conv2d: out channels (${O}) must be divisible by groups (${groups})`);
  const geo = { kernelSize: [kh, kw] as [number, number], stride: pair(options.stride ?? 1), padding: pair(options.padding ?? 0), dilation: pair(options.dilation ?? 1) };
  const [sh, sw] = geo.stride, [ph, pw] = geo.padding, [dh, dw] = geo.dilation;
  const Ho = Math.floor((x.shape[2] + 2 * ph - dh * (kh - 1) - 1) / sh) + 1;
  const Wo = Math.floor((x.shape[3] + 2 * pw - dw * (kw - 1) - 1) / sw) + 1;
  // Fast paths: the whole convolution as one op node (conv-fast.ts, a WebAssembly kernel), or
  // product and bias in one op (nn/functional/fused.ts); the loop below is their definition.
  const fast = fastConv2d(x, weight, bias, { ...geo, groups });
  if (fast) return fast;
  const cols1 = groups === 1 && bias ? unfold2d(x, geo) : null; // (N, C·kh·kw, L)
  const fused = cols1 && bias ? fusedConvBias(weight.reshape([O, Cg * kh * kw]), cols1, bias) : null;
  if (fused) return fused.reshape([N, O, Ho, Wo]);
  const outs: Tensor[] = [];
  const Og = O / groups;
  for (let gi = 0; gi < groups; gi++) {
    const xg = groups === 1 ? x : x.narrow(1, gi * Cg, Cg);
    const cols = cols1 ?? unfold2d(xg, geo); // (N, Cg·kh·kw, L)
    const wg = (groups === 1 ? weight : weight.narrow(0, gi * Og, Og)).reshape([Og, Cg * kh * kw]);
    outs.push(wg.matmul(cols)); // (Og, K) @ (N, K, L) → (N, Og, L)
  }
  let y = groups === 1 ? outs[0] : concat(outs, 1);
  y = y.reshape([N, O, Ho, Wo]);
  return bias ? y.add(bias.reshape([1, O, 1, 1])) : y;
}

export class Conv2d extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: [number, number];

  constructor(readonly inChannels: number, readonly outChannels: number, kernelSize: Pair, readonly options: Conv2dOptions & { dtype?: DType } = {}) {
    super();
    this.kernelSize = pair(kernelSize);
    ({ weight: this.weight, bias: this.bias } = convParameters('Conv2d', inChannels, outChannels, this.kernelSize, options));
  }

  forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, this.options);
  }

  protected override extraRepr(): string {
    return convRepr(this.inChannels, this.outChannels, `(${this.kernelSize.join(', ')})`, this.options);
  }
}

/** Windows of each channel as (N, C, kh·kw, L) for pooling. */
function windows(x: Tensor, k: [number, number], stride: [number, number], padding: [number, number], dilation: [number, number] = [1, 1]): { cols: Tensor; Ho: number; Wo: number } {
  if (x.ndim !== 4) throw new RangeError(`pool2d: expected input of shape (N, C, H, W), got ${fmtShape(x.shape)}`);
  const [N, C, H, W] = x.shape;
  const cols = unfold2d(x.reshape([N * C, 1, H, W]), { kernelSize: k, stride, padding, dilation });
  const Ho = Math.floor((H + 2 * padding[0] - dilation[0] * (k[0] - 1) - 1) / stride[0]) + 1;
  const Wo = Math.floor((W + 2 * padding[1] - dilation[1] * (k[1] - 1) - 1) / stride[1]) + 1;
  return { cols: cols.reshape([N, C, k[0] * k[1], Ho * Wo]), Ho, Wo };
}

/**
 * Max pooling (stride defaults to the kernel size). Padding counts as −∞, as in PyTorch,
 * so it never wins: padded positions are filled with the window's own minimum first.
 */
export function maxPool2d(x: Tensor, kernelSize: Pair, stride?: Pair, padding: Pair = 0): Tensor {
  const k = pair(kernelSize);
  const p = pair(padding);
  const s = pair(stride ?? k);
  const fast = fastMaxPool2d('maxPool2d', x, { kernel: k, stride: s, padding: p });   // one op node: conv-fast.ts
  if (fast) return fast;
  // Shift so every real value is positive; then the zeros in the padding cannot win.
  const shift = p[0] > 0 || p[1] > 0 ? x.detach().min().item() - 1 : 0;
  const { cols, Ho, Wo } = windows(shift !== 0 ? x.sub(shift) : x, k, s, p);
  // Gather at the argmax rather than reduce with max: the gradient then goes to one position per
  // window (the first maximum), as PyTorch's max pooling does, not split among tied values.
  const at = cols.detach().argmax(2, true);                                  // (N, C, 1, L)
  const y = cols.gather(2, at).reshape([x.shape[0], x.shape[1], Ho, Wo]);
  return shift !== 0 ? y.add(shift) : y;
}

/** Average pooling; padding counts as zeros in the average (PyTorch's countIncludePad = true). */
export function avgPool2d(x: Tensor, kernelSize: Pair, stride?: Pair, padding: Pair = 0): Tensor {
  const k = pair(kernelSize);
  const s = pair(stride ?? k), p = pair(padding);
  const fast = fastAvgPool2d('avgPool2d', x, { kernel: k, stride: s, padding: p });   // one op node: conv-fast.ts
  if (fast) return fast;
  const { cols, Ho, Wo } = windows(x, k, s, p);
  return cols.mean(2).reshape([x.shape[0], x.shape[1], Ho, Wo]);
}

/** Averages each channel over equal-ish bins to a fixed output size (PyTorch's bin edges). */
export function adaptiveAvgPool2d(x: Tensor, outputSize: Pair): Tensor {
  if (x.ndim !== 4) throw new RangeError(`adaptiveAvgPool2d: expected input of shape (N, C, H, W), got ${fmtShape(x.shape)}`);
  const [oh, ow] = pair(outputSize);
  const [, , H, W] = x.shape;
  const rows: Tensor[] = [];
  for (let i = 0; i < oh; i++) {
    const h0 = Math.floor((i * H) / oh), h1 = Math.ceil(((i + 1) * H) / oh);
    const cells: Tensor[] = [];
    for (let j = 0; j < ow; j++) {
      const w0 = Math.floor((j * W) / ow), w1 = Math.ceil(((j + 1) * W) / ow);
      cells.push(x.slice(null, null, [h0, h1], [w0, w1]).mean([2, 3], true));
    }
    rows.push(concat(cells, 3));
  }
  return concat(rows, 2);
}

export class MaxPool2d extends Module {
  constructor(readonly kernelSize: Pair, readonly stride?: Pair, readonly padding: Pair = 0) { super(); }
  forward(x: Tensor): Tensor { return maxPool2d(x, this.kernelSize, this.stride, this.padding); }
  protected override extraRepr(): string { return `kernelSize=${this.kernelSize}, stride=${this.stride ?? this.kernelSize}, padding=${this.padding}`; }
}

export class AvgPool2d extends Module {
  constructor(readonly kernelSize: Pair, readonly stride?: Pair, readonly padding: Pair = 0) { super(); }
  forward(x: Tensor): Tensor { return avgPool2d(x, this.kernelSize, this.stride, this.padding); }
  protected override extraRepr(): string { return `kernelSize=${this.kernelSize}, stride=${this.stride ?? this.kernelSize}, padding=${this.padding}`; }
}

export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: Pair) { super(); }
  forward(x: Tensor): Tensor { return adaptiveAvgPool2d(x, this.outputSize); }
  protected override extraRepr(): string { return `outputSize=${this.outputSize}`; }
}
