/**
 * Root-mean-square layer normalization (Zhang & Sennrich 2019, "Root Mean Square Layer
 * Normalization"; the norm in LLaMA, Touvron et al. 2023):
 *
 *   y = x / √(mean(x²) + ε) · γ
 *
 * over the last dimensions. Unlike LayerNorm it does not subtract the mean and has no
 * bias: re-scaling invariance is kept, re-centering dropped, which the paper finds costs
 * nothing in quality and saves a reduction. The gradient comes from the composition.
 */
import { Tensor, ones, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module, Parameter } from '../module.js';

/**
 * RMS normalization of `x` over its trailing `normalizedShape`, times `weight` if given.
 * `eps` defaults to 1e-6 (LLaMA's value).
 *
 * ```ts
 * const y = F.rmsNorm(randn([2, 5, 8]), [8]);
 * y.square().mean(-1);   // ≈ 1 in every row
 * ```
 */
export function rmsNorm(x: Tensor, normalizedShape: readonly number[], weight?: Tensor | null, eps = 1e-6): Tensor {
  const k = normalizedShape.length;
  const tail = x.shape.slice(x.ndim - k);
  if (k === 0 || k > x.ndim || tail.some((d, i) => d !== normalizedShape[i])) {
    throw new RangeError(`rmsNorm: input shape ${fmtShape(x.shape)} does not end with the normalized shape ${fmtShape(normalizedShape)}; pass the trailing dimensions to normalize over, e.g. [${x.shape[x.ndim - 1] ?? 'd'}]`);
  }
  if (!(eps >= 0)) throw new RangeError(`rmsNorm: eps must be a number >= 0, got ${eps}`);
  const axes = Array.from({ length: k }, (_, i) => x.ndim - k + i);
  const y = x.div(x.square().mean(axes, true).add(eps).sqrt()); // (…, *normalizedShape)
  return weight ? y.mul(weight) : y;
}

export interface RMSNormOptions {
  /** Added to the mean square before the square root (default 1e-6). */
  eps?: number;
  /** Learn a per-feature scale γ, starting at ones (default true). */
  elementwiseAffine?: boolean;
  dtype?: DType;
}

/**
 * RMSNorm as a module: `weight` (γ) of shape `normalizedShape`, initialized to ones.
 *
 * ```ts
 * const norm = new RMSNorm(16);
 * norm.forward(randn([4, 16])).shape;   // [4, 16]
 * ```
 */
export class RMSNorm extends Module {
  weight: Parameter | null;
  readonly normalizedShape: number[];
  readonly eps: number;

  constructor(normalizedShape: number | readonly number[], options: RMSNormOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    if (this.normalizedShape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new RangeError(`RMSNorm: normalizedShape must hold positive integers, got ${fmtShape(this.normalizedShape)}`);
    }
    this.eps = options.eps ?? 1e-6;
    this.weight = options.elementwiseAffine === false ? null : new Parameter(ones(this.normalizedShape, { dtype: options.dtype }));
  }

  forward(x: Tensor): Tensor {
    return rmsNorm(x, this.normalizedShape, this.weight, this.eps);
  }

  protected override extraRepr(): string {
    return `(${this.normalizedShape.join(', ')}), eps=${this.eps}`;
  }
}
