/**
 * Weight initializers, with PyTorch's names and formulas (torch.nn.init). Each returns a
 * new tensor; layers wrap it in a `Parameter`.
 *
 * fan_in / fan_out of a weight of shape (out, in, k1, k2, …) are in·k1·k2… and out·k1·k2….
 * Gains (`calculateGain`): linear/sigmoid 1, tanh 5/3, relu √2, leaky_relu √(2/(1+a²)).
 *
 * - Xavier/Glorot (Glorot & Bengio 2010): keeps the variance of activations and gradients
 *   equal across layers: std = gain·√(2/(fan_in+fan_out)); uniform bound = std·√3.
 * - Kaiming/He (He et al. 2015): for ReLU networks: std = gain/√fan (fan_in by default);
 *   uniform bound = std·√3.
 * - Orthogonal (Saxe et al. 2014): a random orthogonal matrix (QR of a Gaussian matrix,
 *   signs fixed by R's diagonal), times gain.
 *
 * ```ts
 * const W = kaimingUniform([128, 64]);             // what Linear(64, 128) starts from, with a = √5
 * const V = xavierNormal([10, 128], { gain: 1 });
 * ```
 */
import { Tensor, rand, randn, tensor, type DType } from '../tensor/index.js';
import type { Generator } from '../random/index.js';
import { qr } from '../linalg/index.js';

export type Nonlinearity = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu' | 'conv1d' | 'conv2d';

export interface InitOptions {
  dtype?: DType;
  generator?: Generator;
}

export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear': case 'sigmoid': case 'conv1d': case 'conv2d': return 1;
    case 'tanh': return 5 / 3;
    case 'relu': return Math.SQRT2;
    case 'leaky_relu': { const a = param ?? 0.01; return Math.sqrt(2 / (1 + a * a)); }
    case 'selu': return 3 / 4;
  }
}

/** fan_in and fan_out of a weight shape (out, in, *kernel). */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) throw new RangeError(`init: fan in and fan out need a weight with at least 2 dimensions, got shape (${shape.join(',')})`);
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

function uniform(shape: readonly number[], bound: number, o: InitOptions): Tensor {
  return rand(shape, { dtype: o.dtype, generator: o.generator }).mul(2 * bound).sub(bound);
}

export function xavierUniform(shape: readonly number[], o: InitOptions & { gain?: number } = {}): Tensor {
  const { fanIn, fanOut } = fans(shape);
  return uniform(shape, (o.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut)), o);
}

export function xavierNormal(shape: readonly number[], o: InitOptions & { gain?: number } = {}): Tensor {
  const { fanIn, fanOut } = fans(shape);
  return randn(shape, { dtype: o.dtype, generator: o.generator }).mul((o.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut)));
}

export interface KaimingOptions extends InitOptions {
  /** Negative slope of the leaky ReLU that follows (0 for ReLU). */
  a?: number;
  mode?: 'fanIn' | 'fanOut';
  nonlinearity?: 'relu' | 'leaky_relu' | 'linear' | 'tanh' | 'sigmoid';
}

function kaimingStd(shape: readonly number[], o: KaimingOptions): number {
  const { fanIn, fanOut } = fans(shape);
  const fan = (o.mode ?? 'fanIn') === 'fanIn' ? fanIn : fanOut;
  return calculateGain(o.nonlinearity ?? 'leaky_relu', o.a ?? 0) / Math.sqrt(fan);
}

export function kaimingUniform(shape: readonly number[], o: KaimingOptions = {}): Tensor {
  return uniform(shape, Math.sqrt(3) * kaimingStd(shape, o), o);
}

export function kaimingNormal(shape: readonly number[], o: KaimingOptions = {}): Tensor {
  return randn(shape, { dtype: o.dtype, generator: o.generator }).mul(kaimingStd(shape, o));
}

export function orthogonal(shape: readonly number[], o: InitOptions & { gain?: number } = {}): Tensor {
  if (shape.length < 2) throw new RangeError(`orthogonal: needs a weight with at least 2 dimensions, got shape (${shape.join(',')})`);
  const rows = shape[0];
  const cols = shape.slice(1).reduce((a, b) => a * b, 1);
  // QR of a tall Gaussian matrix gives orthonormal columns; transpose when wide.
  const tall = rows < cols ? [cols, rows] : [rows, cols];
  const A = randn(tall, { dtype: 'float64', generator: o.generator });
  const { Q, R } = qr(A);
  // Multiply each column by the sign of R's diagonal so the result is uniformly distributed (Mezzadri 2007).
  const d = R.toArray() as number[][];
  const signs = tensor(d.map((row, i) => Math.sign(row[i]) || 1), { dtype: 'float64' });
  let W = Q.mul(signs);
  if (rows < cols) W = W.T;
  return W.mul(o.gain ?? 1).reshape(shape).astype(o.dtype ?? 'float32').contiguous();
}

/** Uniform in [low, high). */
export function uniformInit(shape: readonly number[], low: number, high: number, o: InitOptions = {}): Tensor {
  return rand(shape, { dtype: o.dtype, generator: o.generator }).mul(high - low).add(low);
}
