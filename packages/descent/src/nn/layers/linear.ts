/**
 * Fully connected layers. PyTorch's layout and initialization: `weight` is (out, in), and
 * both weight and bias start uniform in ±1/√in (kaiming_uniform with a = √5, which
 * reduces to that bound).
 */
import { Tensor, zeros, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module, Parameter } from '../module.js';
import { kaimingUniform, uniformInit } from '../init.js';
import { linear } from '../functional/activations.js';

export interface LinearOptions {
  bias?: boolean;
  dtype?: DType;
}

/**
 * y = x·Wᵀ + b. Input (…, inFeatures) → output (…, outFeatures).
 *
 * ```ts
 * const fc = new Linear(4, 2);
 * fc.forward(randn([8, 4])).shape;   // [8, 2]
 * ```
 */
export class Linear extends Module {
  weight: Parameter;
  bias: Parameter | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions = {}) {
    super();
    for (const [name, v] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`Linear: ${name} must be a non-negative integer, got ${v}`);
    }
    const dtype = options.dtype ?? 'float32';
    this.weight = new Parameter(kaimingUniform([outFeatures, inFeatures], { a: Math.sqrt(5), dtype }));
    const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
    this.bias = options.bias === false ? null : new Parameter(inFeatures > 0 ? uniformInit([outFeatures], -bound, bound, { dtype }) : zeros([outFeatures], { dtype }));
  }

  forward(x: Tensor): Tensor {
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new RangeError(`Linear: expected input with last dimension ${this.inFeatures}, got shape ${fmtShape(x.shape)}`);
    }
    return linear(x, this.weight, this.bias);
  }

  protected override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}

/**
 * yₖ = x1ᵀ·Wₖ·x2 + bₖ. Inputs (N, in1) and (N, in2) → (N, out); weight (out, in1, in2),
 * initialized uniform in ±1/√in1 like PyTorch.
 */
export class Bilinear extends Module {
  weight: Parameter;
  bias: Parameter | null;

  constructor(readonly in1Features: number, readonly in2Features: number, readonly outFeatures: number, options: LinearOptions = {}) {
    super();
    const dtype = options.dtype ?? 'float32';
    const bound = 1 / Math.sqrt(in1Features);
    this.weight = new Parameter(uniformInit([outFeatures, in1Features, in2Features], -bound, bound, { dtype }));
    this.bias = options.bias === false ? null : new Parameter(uniformInit([outFeatures], -bound, bound, { dtype }));
  }

  forward(x1: Tensor, x2: Tensor): Tensor {
    if (x1.ndim !== 2 || x2.ndim !== 2 || x1.shape[1] !== this.in1Features || x2.shape[1] !== this.in2Features || x1.shape[0] !== x2.shape[0]) {
      throw new RangeError(`Bilinear: expected inputs (N, ${this.in1Features}) and (N, ${this.in2Features}), got ${fmtShape(x1.shape)} and ${fmtShape(x2.shape)}`);
    }
    // (N,1,1,in1) @ (out,in1,in2) → (N,out,1,in2); then · x2 over in2 → (N,out)
    const left = x1.unsqueeze(1).unsqueeze(1).matmul(this.weight); // (N, out, 1, in2)
    const y = left.squeeze(2).mul(x2.unsqueeze(1)).sum(-1); // (N, out)
    return this.bias ? y.add(this.bias) : y;
  }

  protected override extraRepr(): string {
    return `in1Features=${this.in1Features}, in2Features=${this.in2Features}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
