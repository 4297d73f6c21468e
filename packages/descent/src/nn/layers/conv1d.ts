/**
 * 1-D convolution and pooling for sequences and signals: (N, C, L) → (N, C', L'). A 1-D
 * convolution is a 2-D one on an image of height 1, so both reuse the 2-D im2col path:
 * (N, C, L) → (N, C, 1, L), kernel (O, C/g, k) → (O, C/g, 1, k), then the height is dropped.
 *
 *   L' = ⌊(L + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1
 *
 * Unbatched input (C, L) is accepted, as in PyTorch, and gives unbatched output.
 */
import { Tensor, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module, type Parameter } from '../module.js';
import { avgPool2d, conv2d, convParameters, convRepr, maxPool2d } from './conv.js';

export interface Conv1dOptions {
  stride?: number;
  padding?: number;
  dilation?: number;
  groups?: number;
  bias?: boolean;
}

/** Runs `f` on a batched (N, C, L) view of `x`, which may be unbatched (C, L). */
function batched(op: string, x: Tensor, f: (x3: Tensor) => Tensor): Tensor {
  if (x.ndim === 3) return f(x);
  if (x.ndim === 2) return f(x.unsqueeze(0)).squeeze(0);
  throw new RangeError(`${op}: expected input of shape (N, C, L) or unbatched (C, L), got ${fmtShape(x.shape)}`);
}

/**
 * 1-D convolution: (N, Cin, L) with weight (Cout, Cin/groups, k) → (N, Cout, L').
 *
 * ```ts
 * const x = randn([2, 3, 10]);                           // 2 signals, 3 channels, length 10
 * conv1d(x, randn([4, 3, 3]), null, { padding: 1 }).shape; // [2, 4, 10]
 * ```
 */
export function conv1d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: Omit<Conv1dOptions, 'bias'> = {}): Tensor {
  if (weight.ndim !== 3) throw new RangeError(`conv1d: expected a weight of shape (Cout, Cin/groups, k), got ${fmtShape(weight.shape)}`);
  return batched('conv1d', x, (x3) => conv2d(x3.unsqueeze(2), weight.unsqueeze(2), bias, {
    stride: [1, options.stride ?? 1],
    padding: [0, options.padding ?? 0],
    dilation: [1, options.dilation ?? 1],
    groups: options.groups ?? 1,
  }).squeeze(2));
}

/** Max pooling over the last axis (stride defaults to the kernel size; padding never wins). */
export function maxPool1d(x: Tensor, kernelSize: number, stride?: number, padding = 0): Tensor {
  return batched('maxPool1d', x, (x3) => maxPool2d(x3.unsqueeze(2), [1, kernelSize], [1, stride ?? kernelSize], [0, padding]).squeeze(2));
}

/** Average pooling over the last axis; padding counts as zeros in the average. */
export function avgPool1d(x: Tensor, kernelSize: number, stride?: number, padding = 0): Tensor {
  return batched('avgPool1d', x, (x3) => avgPool2d(x3.unsqueeze(2), [1, kernelSize], [1, stride ?? kernelSize], [0, padding]).squeeze(2));
}

/**
 * A 1-D convolution layer with PyTorch's parameters and initialization
 * (weight kaiming_uniform(a = √5), bias uniform ±1/√fan_in).
 *
 * ```ts
 * const conv = new Conv1d(1, 8, 5, { padding: 2 });
 * conv.forward(randn([16, 1, 100])).shape; // [16, 8, 100]
 * ```
 */
export class Conv1d extends Module {
  weight: Parameter;
  bias: Parameter | null;

  constructor(readonly inChannels: number, readonly outChannels: number, readonly kernelSize: number, readonly options: Conv1dOptions & { dtype?: DType } = {}) {
    super();
    ({ weight: this.weight, bias: this.bias } = convParameters('Conv1d', inChannels, outChannels, [kernelSize], options));
  }

  forward(x: Tensor): Tensor {
    return conv1d(x, this.weight, this.bias, this.options);
  }

  protected override extraRepr(): string {
    return convRepr(this.inChannels, this.outChannels, String(this.kernelSize), this.options);
  }
}

export class MaxPool1d extends Module {
  constructor(readonly kernelSize: number, readonly stride?: number, readonly padding = 0) { super(); }
  forward(x: Tensor): Tensor { return maxPool1d(x, this.kernelSize, this.stride, this.padding); }
  protected override extraRepr(): string { return `kernelSize=${this.kernelSize}, stride=${this.stride ?? this.kernelSize}, padding=${this.padding}`; }
}

export class AvgPool1d extends Module {
  constructor(readonly kernelSize: number, readonly stride?: number, readonly padding = 0) { super(); }
  forward(x: Tensor): Tensor { return avgPool1d(x, this.kernelSize, this.stride, this.padding); }
  protected override extraRepr(): string { return `kernelSize=${this.kernelSize}, stride=${this.stride ?? this.kernelSize}, padding=${this.padding}`; }
}
