/**
 * The losses that complete the loss-function guide of lesson 46: focal (torchvision's
 * sigmoid_focal_loss), multi-class hinge (PyTorch's multi_margin_loss), pinball (quantile)
 * and the contrastive loss of Hadsell, Chopra & LeCun (2006). Each is a composition of
 * tensor ops, so autograd supplies the gradient; test/nn/losses-extra.test.ts checks values
 * and gradients against PyTorch (tools/fixtures/nn_losses.py) and by central differences.
 */
import { Tensor, tensor, where, type TensorLike } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { binaryCrossEntropyWithLogits, pairwiseDistance } from './losses.js';
import { reduce, sameShape, type Reduction } from './loss-helpers.js';

const asT = (t: TensorLike, like: Tensor) => (t instanceof Tensor ? t.astype(like.dtype) : tensor(t as number[], { dtype: like.dtype }));

/**
 * Focal loss on logits (Lin et al. 2017, "Focal Loss for Dense Object Detection"), as
 * torchvision.ops.sigmoid_focal_loss computes it:
 * αₜ·(1 − pₜ)^γ·BCE(z, y), with p = σ(z), pₜ = p·y + (1 − p)(1 − y) and
 * αₜ = α·y + (1 − α)(1 − y) (α < 0 turns the weighting off). γ = 0, α < 0 is plain BCE;
 * larger γ shrinks the loss of examples already classified well (pₜ near 1), so training
 * concentrates on the hard ones. The default reduction is 'none', as in torchvision.
 *
 * ```ts
 * sigmoidFocalLoss(tensor([2, -1]), tensor([1, 0]), { reduction: 'mean' }).item();
 * ```
 */
export function sigmoidFocalLoss(input: Tensor, target: TensorLike, options: { alpha?: number; gamma?: number; reduction?: Reduction } = {}): Tensor {
  const { alpha = 0.25, gamma = 2 } = options;
  if (!(gamma >= 0)) throw new RangeError(`sigmoidFocalLoss: gamma must be a number >= 0, got ${gamma}`);
  if (!(alpha <= 1)) throw new RangeError(`sigmoidFocalLoss: alpha must be <= 1 (or negative to turn the class weighting off), got ${alpha}`);
  const y = asT(target, input);
  sameShape('sigmoidFocalLoss', input, y);
  const p = input.sigmoid();
  const ce = binaryCrossEntropyWithLogits(input, y, { reduction: 'none' });
  // 1 − pₜ = p + y − 2·p·y: the probability given to the wrong answer.
  const miss = p.add(y).sub(p.mul(y).mul(2));
  let loss = gamma === 0 ? ce : ce.mul(miss.pow(gamma));
  if (alpha >= 0) loss = loss.mul(y.mul(2 * alpha - 1).add(1 - alpha));
  return reduce(loss, options.reduction ?? 'none', 'sigmoidFocalLoss');
}

/**
 * Multi-class hinge loss (Weston & Watkins 1999; Crammer & Singer 2001 use the max instead of
 * the sum), as torch.nn.functional.multi_margin_loss: for scores x (N, C) and class y,
 * Σ_{i≠y} w[y]·max(0, margin − x[y] + x[i])^p / C. With two classes and p = 1 it is the
 * SVM's binary hinge loss (up to the factor 1/C).
 *
 * ```ts
 * multiMarginLoss(tensor([[0.1, 0.8, 0.2]]), [1]).item(); // (0.3 + 0.4) / 3
 * ```
 */
export function multiMarginLoss(input: Tensor, target: TensorLike, options: { p?: 1 | 2; margin?: number; weight?: Tensor; reduction?: Reduction } = {}): Tensor {
  const { p = 1, margin = 1 } = options;
  if (input.ndim !== 2) throw new RangeError(`multiMarginLoss: expected scores of shape (N, C), got ${fmtShape(input.shape)}`);
  if (p !== 1 && p !== 2) throw new RangeError(`multiMarginLoss: p must be 1 or 2, got ${String(p)}`);
  const [N, C] = input.shape;
  const ys = Array.from((target instanceof Tensor ? target : tensor(target as number[], { dtype: 'int32' })).toTypedArray(), Number);
  if (ys.length !== N) throw new RangeError(`multiMarginLoss: ${ys.length} targets for ${N} rows; give one class index per row`);
  const others = new Float64Array(N * C).fill(1);
  ys.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0 || y >= C) throw new RangeError(`multiMarginLoss: target ${y} is not a class index in 0..${C - 1}`);
    others[i * C + y] = 0;
  });
  const idx = tensor(ys, { dtype: 'int32' });
  const xy = input.gather(1, idx.reshape([N, 1])); // (N, 1): the true class's score
  let viol = input.sub(xy).add(margin).relu(); // (N, C)
  if (p === 2) viol = viol.square();
  let loss = viol.mul(tensor(others, { shape: [N, C], dtype: input.dtype })).sum(1).div(C); // (N,)
  if (options.weight) loss = loss.mul(options.weight.astype(input.dtype).indexSelect(0, idx));
  return reduce(loss, options.reduction ?? 'mean', 'multiMarginLoss');
}

/**
 * Pinball (quantile) loss (Koenker & Bassett 1978), the loss scikit-learn's
 * mean_pinball_loss averages: with residual r = y − ŷ, τ·r where r ≥ 0 and (τ − 1)·r where
 * r < 0. Its minimizer over a constant is the τ-quantile of y; τ = 0.5 is half the absolute
 * error. At r = 0 the gradient with respect to ŷ is taken as −τ (the r ≥ 0 side).
 *
 * ```ts
 * quantileLoss(tensor([1, 2]), tensor([2, 0]), 0.9).item(); // (0.9·1 + 0.1·2) / 2
 * ```
 */
export function quantileLoss(input: Tensor, target: TensorLike, quantile = 0.5, reduction: Reduction = 'mean'): Tensor {
  if (!(quantile > 0 && quantile < 1)) throw new RangeError(`quantileLoss: quantile must be in (0, 1), got ${quantile}`);
  const y = asT(target, input);
  sameShape('quantileLoss', input, y);
  const r = y.sub(input);
  return reduce(where(r.ge(0), r.mul(quantile), r.mul(quantile - 1)), reduction, 'quantileLoss');
}

/**
 * Contrastive loss of Hadsell, Chopra & LeCun (2006, "Dimensionality Reduction by Learning
 * an Invariant Mapping") on embedding pairs, with d = ‖x1 − x2 + ε‖₂ (pairwiseDistance):
 * ½·d² for similar pairs (y = 1) and ½·max(0, margin − d)² for dissimilar ones (y = 0).
 * (The paper writes Y = 0 for similar pairs; here 1 means "same", as most code does.)
 *
 * ```ts
 * contrastiveLoss(tensor([[0, 0]]), tensor([[3, 4]]), [0], { margin: 6 }).item(); // ½·(6 − 5)²
 * ```
 */
export function contrastiveLoss(x1: Tensor, x2: Tensor, y: TensorLike, options: { margin?: number; reduction?: Reduction } = {}): Tensor {
  const { margin = 1 } = options;
  if (x1.ndim !== 2) throw new RangeError(`contrastiveLoss: expected embeddings of shape (N, D), got ${fmtShape(x1.shape)}`);
  if (x1.ndim !== x2.ndim || x1.shape.some((d, i) => d !== x2.shape[i])) {
    throw new RangeError(`contrastiveLoss: x1 has shape ${fmtShape(x1.shape)} but x2 has shape ${fmtShape(x2.shape)}; pairs must match`);
  }
  const d = pairwiseDistance(x1, x2); // (N,)
  const same = asT(y, d);
  sameShape('contrastiveLoss', d, same);
  const loss = same.mul(d.square()).add(same.neg().add(1).mul(d.neg().add(margin).relu().square())).mul(0.5);
  return reduce(loss, options.reduction ?? 'mean', 'contrastiveLoss');
}
