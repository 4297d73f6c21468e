/**
 * Dropout (Srivastava et al. 2014): in training, zeroes each element with probability p and
 * scales the survivors by 1/(1 − p) so the expected value is unchanged; in evaluation, the
 * identity.
 */
import { Tensor, rand } from '../../tensor/index.js';
import type { Generator } from '../../random/index.js';
import { Module } from '../module.js';

export function dropout(x: Tensor, p = 0.5, training = true, generator?: Generator): Tensor {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout: probability p must be in [0, 1], got ${p}`);
  if (!training || p === 0) return x;
  if (p === 1) return x.mul(0);
  const keep = rand(x.shape as number[], { dtype: x.dtype === 'float64' ? 'float64' : 'float32', generator }).ge(p);
  return x.mul(keep.astype(x.dtype)).mul(1 / (1 - p));
}

export class Dropout extends Module {
  constructor(readonly p = 0.5, readonly generator?: Generator) {
    super();
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Dropout: probability p must be in [0, 1], got ${p}`);
  }

  forward(x: Tensor): Tensor {
    return dropout(x, this.p, this.training, this.generator);
  }

  protected override extraRepr(): string { return `p=${this.p}`; }
}
