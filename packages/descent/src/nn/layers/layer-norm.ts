/**
 * Layer normalization (Ba et al. 2016): each sample is normalized over its last
 * dimensions, y = (x − mean) / √(var + ε) · γ + β, with the population variance. Unlike
 * batch norm it behaves the same in training and evaluation.
 */
import { Tensor, ones, zeros, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module, Parameter } from '../module.js';

export function layerNorm(x: Tensor, normalizedShape: readonly number[], weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  const k = normalizedShape.length;
  const tail = x.shape.slice(x.ndim - k);
  if (k > x.ndim || tail.some((d, i) => d !== normalizedShape[i])) {
    throw new RangeError(`layerNorm: input shape ${fmtShape(x.shape)} does not end with the normalized shape ${fmtShape(normalizedShape)}`);
  }
  const axes = Array.from({ length: k }, (_, i) => x.ndim - k + i);
  const mean = x.mean(axes, true);
  const centered = x.sub(mean);
  const variance = centered.square().mean(axes, true);
  let y = centered.div(variance.add(eps).sqrt());
  if (weight) y = y.mul(weight);
  if (bias) y = y.add(bias);
  return y;
}

export class LayerNorm extends Module {
  weight: Parameter | null;
  bias: Parameter | null;
  readonly normalizedShape: number[];

  constructor(normalizedShape: number | readonly number[], readonly options: { eps?: number; elementwiseAffine?: boolean; bias?: boolean; dtype?: DType } = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine ? new Parameter(ones(this.normalizedShape, { dtype: options.dtype })) : null;
    this.bias = affine && options.bias !== false ? new Parameter(zeros(this.normalizedShape, { dtype: options.dtype })) : null;
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.options.eps ?? 1e-5);
  }

  protected override extraRepr(): string {
    return `(${this.normalizedShape.join(', ')}), eps=${this.options.eps ?? 1e-5}`;
  }
}
