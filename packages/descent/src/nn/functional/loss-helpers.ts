/** What every loss shares: the reduction and the input/target shape check (internal). */
import type { Tensor } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';

export type Reduction = 'mean' | 'sum' | 'none';

export function reduce(loss: Tensor, reduction: Reduction, op: string): Tensor {
  switch (reduction) {
    case 'mean': return loss.mean();
    case 'sum': return loss.sum();
    case 'none': return loss;
    default: throw new RangeError(`${op}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`);
  }
}

export function sameShape(op: string, input: Tensor, target: Tensor): void {
  if (input.ndim !== target.ndim || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new RangeError(`${op}: input has shape ${fmtShape(input.shape)} but target has shape ${fmtShape(target.shape)}; they must match (reshape the target, e.g. target.reshape([-1, 1]))`);
  }
}
