/**
 * Knowledge distillation (Hinton, Vinyals & Dean 2015, "Distilling the Knowledge in a Neural
 * Network"): a small student learns from a large teacher's softened output distribution,
 * which says how similar the wrong classes are, as well as from the labels:
 *
 *     loss = α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α)·CE(s, y)
 *
 * The temperature T > 1 softens both distributions. The soft term's gradient scales as 1/T²,
 * so it is multiplied by T² to keep its weight against the hard term when T changes (the
 * paper's section 2). KL is averaged over the batch (PyTorch's `batchmean`).
 */
import type { Tensor } from '../tensor/index.js';
import type { TensorLike } from '../tensor/ops/create.js';
import { crossEntropy, klDiv } from '../nn/functional/losses.js';
import { logSoftmax, softmax } from '../nn/functional/activations.js';

export interface DistillationOptions {
  /** Softening temperature T (default 4). */
  temperature?: number;
  /** Weight α of the soft (teacher) term; 1 − α goes to the labels (default 0.9). */
  alpha?: number;
}

/**
 * The distillation loss for student logits, teacher logits (no gradient flows to them) and
 * integer labels.
 *
 * ```ts
 * const loss = distillationLoss(student.forward(x), noGrad(() => teacher.forward(x)), y, { temperature: 4, alpha: 0.9 });
 * loss.backward();
 * ```
 */
export function distillationLoss(student: Tensor, teacher: Tensor, target: TensorLike, options: DistillationOptions = {}): Tensor {
  const T = options.temperature ?? 4, alpha = options.alpha ?? 0.9;
  if (!(T > 0) || !Number.isFinite(T)) throw new RangeError(`distillationLoss: temperature must be a finite number > 0, got ${T}`);
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`distillationLoss: alpha must be in [0, 1], got ${alpha}`);
  if (student.ndim !== 2 || teacher.ndim !== 2 || student.shape[0] !== teacher.shape[0] || student.shape[1] !== teacher.shape[1]) {
    throw new RangeError(`distillationLoss: student and teacher logits must both be (batch, classes) of the same shape, got [${student.shape}] and [${teacher.shape}]`);
  }
  const soft = klDiv(logSoftmax(student.div(T), 1), softmax(teacher.detach().div(T), 1), { reduction: 'batchmean' }).mul(T * T);
  if (alpha === 1) return soft;
  return soft.mul(alpha).add(crossEntropy(student, target).mul(1 - alpha));
}
