/**
 * The SwiGLU feed-forward block (Shazeer 2020, "GLU Variants Improve Transformer"; the MLP
 * of LLaMA, Touvron et al. 2023):
 *
 *   FFN(x) = W₂·(silu(W₁·x) ⊙ W₃·x),   silu(z) = z·σ(z)
 *
 * A gated linear unit: W₃·x is gated elementwise by silu(W₁·x). With three matrices instead
 * of two, LLaMA shrinks the hidden size to about 2/3·4d to keep the parameter count.
 * Parameter names w1, w2, w3 follow Meta's LLaMA code.
 */
import type { Tensor, DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module } from '../module.js';
import { silu } from '../functional/activations.js';
import { Linear } from './linear.js';

export interface SwiGLUOptions {
  /** Biases on the three projections (default false, as in LLaMA). */
  bias?: boolean;
  dtype?: DType;
}

/**
 * (…, dim) → (…, dim) through a gated hidden layer of `hiddenDim` units.
 *
 * ```ts
 * const ffn = new SwiGLU(16, 43);
 * ffn.forward(randn([2, 5, 16])).shape;   // [2, 5, 16]
 * ```
 */
export class SwiGLU extends Module {
  w1: Linear;
  w2: Linear;
  w3: Linear;

  constructor(readonly dim: number, readonly hiddenDim: number, options: SwiGLUOptions = {}) {
    super();
    const o = { bias: options.bias ?? false, dtype: options.dtype };
    this.w1 = new Linear(dim, hiddenDim, o);
    this.w2 = new Linear(hiddenDim, dim, o);
    this.w3 = new Linear(dim, hiddenDim, o);
  }

  forward(x: Tensor): Tensor {
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.dim) {
      throw new RangeError(`SwiGLU: expected input with last dimension ${this.dim}, got shape ${fmtShape(x.shape)}`);
    }
    return this.w2.forward(silu(this.w1.forward(x)).mul(this.w3.forward(x))); // (…, hidden) → (…, dim)
  }

  protected override extraRepr(): string {
    return `dim=${this.dim}, hiddenDim=${this.hiddenDim}`;
  }
}
