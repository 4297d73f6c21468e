/**
 * Loss functions with torch.nn.functional's names, defaults and reductions
 * ('mean' | 'sum' | 'none'). Each is a composition of tensor ops, so its gradient comes
 * from autograd.
 */
import { Tensor, tensor, where, type TensorLike } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { softplus } from './activations.js';
import { fusedCrossEntropy } from './fused.js';
import { reduce, sameShape, type Reduction } from './loss-helpers.js';

export type { Reduction };

const asT = (t: TensorLike, like: Tensor) => (t instanceof Tensor ? t : tensor(t as number, { dtype: like.dtype }));

/** Mean squared error: (x − y)². */
export function mseLoss(input: Tensor, target: TensorLike, reduction: Reduction = 'mean'): Tensor {
  const y = asT(target, input);
  sameShape('mseLoss', input, y);
  return reduce(input.sub(y).square(), reduction, 'mseLoss');
}

/** Mean absolute error: |x − y|. */
export function l1Loss(input: Tensor, target: TensorLike, reduction: Reduction = 'mean'): Tensor {
  const y = asT(target, input);
  sameShape('l1Loss', input, y);
  return reduce(input.sub(y).abs(), reduction, 'l1Loss');
}

/** Smooth L1 (Girshick 2015): 0.5·d²/β where |d| < β, else |d| − 0.5·β. */
export function smoothL1Loss(input: Tensor, target: TensorLike, reduction: Reduction = 'mean', beta = 1): Tensor {
  const y = asT(target, input);
  sameShape('smoothL1Loss', input, y);
  const d = input.sub(y).abs();
  const loss = beta === 0 ? d : where(d.lt(beta), d.square().mul(0.5 / beta), d.sub(0.5 * beta));
  return reduce(loss, reduction, 'smoothL1Loss');
}

/** Huber (1964): 0.5·d² where |d| < δ, else δ·(|d| − 0.5·δ). Equals δ·smoothL1 with β = δ. */
export function huberLoss(input: Tensor, target: TensorLike, reduction: Reduction = 'mean', delta = 1): Tensor {
  const y = asT(target, input);
  sameShape('huberLoss', input, y);
  const d = input.sub(y).abs();
  return reduce(where(d.lt(delta), d.square().mul(0.5), d.sub(0.5 * delta).mul(delta)), reduction, 'huberLoss');
}

/**
 * Binary cross-entropy on probabilities p: −w·(y·log p + (1 − y)·log(1 − p)). Logs are
 * clamped at −100, as PyTorch does, so p = 0 or 1 gives a large finite loss.
 */
export function binaryCrossEntropy(input: Tensor, target: TensorLike, options: { weight?: Tensor; reduction?: Reduction } = {}): Tensor {
  const y = asT(target, input);
  sameShape('binaryCrossEntropy', input, y);
  const logP = input.log().maximum(-100);
  const log1mP = input.neg().add(1).log().maximum(-100);
  let loss = y.mul(logP).add(y.neg().add(1).mul(log1mP)).neg();
  if (options.weight) loss = loss.mul(options.weight);
  return reduce(loss, options.reduction ?? 'mean', 'binaryCrossEntropy');
}

/**
 * Binary cross-entropy on logits z: −[pw·y·log σ(z) + (1 − y)·log(1 − σ(z))], written as
 * (1 − y)·z + (1 + (pw − 1)·y)·softplus(−z), stable for any z, with the gradient
 * σ(z) − y (for pw = 1) exact at z = 0 too.
 */
export function binaryCrossEntropyWithLogits(input: Tensor, target: TensorLike, options: { weight?: Tensor; posWeight?: Tensor; reduction?: Reduction } = {}): Tensor {
  const y = asT(target, input);
  sameShape('binaryCrossEntropyWithLogits', input, y);
  const softTerm = softplus(input.neg(), 1, Infinity);
  const scale = options.posWeight ? options.posWeight.sub(1).mul(y).add(1) : null;
  let loss = y.neg().add(1).mul(input).add(scale ? softTerm.mul(scale) : softTerm);
  if (options.weight) loss = loss.mul(options.weight);
  return reduce(loss, options.reduction ?? 'mean', 'binaryCrossEntropyWithLogits');
}

export interface NllOptions {
  /** A weight per class (length C). */
  weight?: Tensor;
  /** Targets equal to this are skipped (PyTorch's default −100). */
  ignoreIndex?: number;
  reduction?: Reduction;
}

/** Class indices as integers, checked against the number of classes. */
function classTargets(op: string, target: TensorLike, n: number, C: number, ignoreIndex: number): number[] {
  const t = target instanceof Tensor ? target : tensor(target as number[], { dtype: 'int32' });
  const vals = Array.from(t.toTypedArray());
  if (vals.length !== n) throw new RangeError(`${op}: ${vals.length} targets for ${n} inputs; give one class index per row`);
  for (const v of vals) {
    if (v === ignoreIndex) continue;
    if (!Number.isInteger(v) || v < 0 || v >= C) {
      throw new RangeError(`${op}: target ${v} is not a class index in 0..${C - 1}; targets are class indices, not one-hot rows`);
    }
  }
  return vals;
}

/**
 * Negative log-likelihood on log-probabilities (N, C): −w[yᵢ]·logp[i, yᵢ]. With 'mean'
 * the sum is divided by Σ w[yᵢ] over the rows not ignored (PyTorch's weighted mean).
 */
export function nllLoss(logProbs: Tensor, target: TensorLike, options: NllOptions = {}): Tensor {
  if (logProbs.ndim !== 2) throw new RangeError(`nllLoss: expected log-probabilities of shape (N, C), got ${fmtShape(logProbs.shape)}`);
  const [N, C] = logProbs.shape;
  const ignore = options.ignoreIndex ?? -100;
  const ys = classTargets('nllLoss', target, N, C, ignore);
  const keep = ys.map((y) => (y === ignore ? 0 : 1));
  const idx = tensor(ys.map((y) => (y === ignore ? 0 : y)), { dtype: 'int32' });
  const picked = logProbs.gather(1, idx.reshape([N, 1])).reshape([N]);
  const w = options.weight
    ? options.weight.astype(logProbs.dtype).indexSelect(0, idx).mul(tensor(keep, { dtype: logProbs.dtype }))
    : tensor(keep, { dtype: logProbs.dtype });
  const loss = picked.mul(w).neg();
  const reduction = options.reduction ?? 'mean';
  if (reduction === 'mean') return loss.sum().div(w.sum());
  return reduce(loss, reduction, 'nllLoss');
}

export interface CrossEntropyOptions extends NllOptions {
  /** ε in [0, 1]: the target becomes (1 − ε)·one-hot + ε/C (Szegedy et al. 2016). */
  labelSmoothing?: number;
}

/**
 * Cross-entropy of logits (N, C) against class indices (N,) or class probabilities (N, C):
 * logSoftmax then NLL, with class weights, an ignored index and label smoothing as in
 * PyTorch.
 */
export function crossEntropy(logits: Tensor, target: TensorLike, options: CrossEntropyOptions = {}): Tensor {
  if (logits.ndim !== 2) throw new RangeError(`crossEntropy: expected logits of shape (N, C), got ${fmtShape(logits.shape)}`);
  const eps = options.labelSmoothing ?? 0;
  if (!(eps >= 0 && eps <= 1)) throw new RangeError(`crossEntropy: labelSmoothing must be in [0, 1], got ${eps}`);
  const [N, C] = logits.shape;
  const reduction = options.reduction ?? 'mean';
  if (eps === 0 && !options.weight && reduction !== 'none' && !(target instanceof Tensor && target.ndim === 2)) {
    // The common case in one op (nn/functional/fused.ts); the composition below defines it.
    const ignore = options.ignoreIndex ?? -100;
    const ys = classTargets('crossEntropy', target, N, C, ignore);
    const fused = ys.includes(ignore) ? null : fusedCrossEntropy(logits, ys, reduction);
    if (fused !== null) return fused;
  }
  const logp = logits.logSoftmax(1);
  if (target instanceof Tensor && target.ndim === 2) {
    // Soft targets: −Σ_c w_c·q_ic·logp_ic with q smoothed toward uniform.
    sameShape('crossEntropy', logits, target);
    let q = target.astype(logits.dtype);
    if (eps > 0) q = q.mul(1 - eps).add(eps / C);
    let terms = q.mul(logp);
    if (options.weight) terms = terms.mul(options.weight);
    return reduce(terms.sum(1).neg(), reduction, 'crossEntropy');
  }
  const nll = nllLoss(logp, target, options);
  if (eps === 0) return nll;
  // PyTorch: (1 − ε)·nll + (ε/C)·smooth, smooth_i = −Σ_c w_c·logp_ic over rows not ignored.
  const ignore = options.ignoreIndex ?? -100;
  const ys = classTargets('crossEntropy', target, N, C, ignore);
  const keep = tensor(ys.map((y) => (y === ignore ? 0 : 1)), { dtype: logits.dtype });
  const weighted = options.weight ? logp.mul(options.weight) : logp;
  const smooth = weighted.sum(1).neg().mul(keep);
  let smoothReduced: Tensor;
  if (reduction === 'none') smoothReduced = smooth;
  else if (reduction === 'sum') smoothReduced = smooth.sum();
  else if (options.weight) {
    const idx = tensor(ys.map((y) => (y === ignore ? 0 : y)), { dtype: 'int32' });
    smoothReduced = smooth.sum().div(options.weight.astype(logits.dtype).indexSelect(0, idx).mul(keep).sum());
  } else smoothReduced = smooth.sum().div(keep.sum());
  return nll.mul(1 - eps).add(smoothReduced.mul(eps / C));
}

/**
 * KL divergence with the input as log-probabilities: target·(log target − input),
 * 0 where target = 0. 'batchmean' divides the sum by the batch size (the true KL per
 * sample); 'mean' (PyTorch's default) divides by the number of elements.
 */
export function klDiv(input: Tensor, target: TensorLike, options: { reduction?: Reduction | 'batchmean'; logTarget?: boolean } = {}): Tensor {
  const y = asT(target, input);
  sameShape('klDiv', input, y);
  const pointwise = options.logTarget
    ? y.exp().mul(y.sub(input))
    : where(y.gt(0), y.mul(where(y.gt(0), y, 1).log().sub(input)), 0);
  if (options.reduction === 'batchmean') return pointwise.sum().div(input.ndim > 0 ? input.shape[0] : 1);
  return reduce(pointwise, options.reduction ?? 'mean', 'klDiv');
}

/**
 * Cosine embedding loss: 1 − cos(x1, x2) for y = 1, max(0, cos(x1, x2) − margin) for y = −1.
 * cos = Σx1·x2 / √((Σx1² + ε)(Σx2² + ε)), ε = 1e-12 as in PyTorch.
 */
export function cosineEmbeddingLoss(x1: Tensor, x2: Tensor, y: TensorLike, options: { margin?: number; reduction?: Reduction } = {}): Tensor {
  sameShape('cosineEmbeddingLoss', x1, x2);
  const axis = x1.ndim - 1;
  const cos = x1.mul(x2).sum(axis).div(x1.square().sum(axis).add(1e-12).mul(x2.square().sum(axis).add(1e-12)).sqrt());
  const t = asT(y, cos);
  const loss = where(t.gt(0), cos.neg().add(1), cos.sub(options.margin ?? 0).relu());
  return reduce(loss, options.reduction ?? 'mean', 'cosineEmbeddingLoss');
}

/** ‖a − b + ε‖_p along the last axis (PyTorch's pairwise_distance). */
export function pairwiseDistance(a: Tensor, b: Tensor, p = 2, eps = 1e-6): Tensor {
  const d = a.sub(b).add(eps).abs();
  return d.pow(p).sum(-1).pow(1 / p);
}

/**
 * Triplet margin loss (Schroff et al. 2015): max(d(a, p) − d(a, n) + margin, 0), with
 * `swap` using min(d(a, n), d(p, n)) as the negative distance (Balntas et al. 2016).
 */
export function tripletMarginLoss(anchor: Tensor, positive: Tensor, negative: Tensor, options: { margin?: number; p?: number; eps?: number; swap?: boolean; reduction?: Reduction } = {}): Tensor {
  const { margin = 1, p = 2, eps = 1e-6, swap = false } = options;
  const dPos = pairwiseDistance(anchor, positive, p, eps);
  let dNeg = pairwiseDistance(anchor, negative, p, eps);
  if (swap) dNeg = dNeg.minimum(pairwiseDistance(positive, negative, p, eps));
  return reduce(dPos.sub(dNeg).add(margin).relu(), options.reduction ?? 'mean', 'tripletMarginLoss');
}
