/**
 * Direct preference optimization (Rafailov et al. 2023, "Direct Preference Optimization:
 * Your Language Model is Secretly a Reward Model"), eq. 7:
 *
 *   L = −log σ(β·[(log π(y_w|x) − log π_ref(y_w|x)) − (log π(y_l|x) − log π_ref(y_l|x))])
 *
 * averaged over pairs: y_w the chosen and y_l the rejected response, π the policy being
 * trained and π_ref the frozen reference. It fits the policy to the preferences without a
 * separate reward model or RL loop; β sets how far it may drift from the reference.
 * The inputs are summed log-probabilities of whole responses, e.g. from `sequenceLogProbs`.
 */
import type { Tensor } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { softplus } from './activations.js';

/**
 * Σ_t log softmax(logits_t)[target_t] over the last position axis: logits (…, T, V), targets
 * int32 (…, T) → (…). Positions where `mask` (…, T) is 0 are left out (prompt or padding).
 *
 * ```ts
 * const logp = sequenceLogProbs(model.forward(tokens), nextTokens);   // (B,)
 * ```
 */
export function sequenceLogProbs(logits: Tensor, targets: Tensor, mask?: Tensor | null): Tensor {
  if (logits.ndim < 2 || targets.ndim !== logits.ndim - 1 || targets.shape.some((d, i) => d !== logits.shape[i])) {
    throw new RangeError(`sequenceLogProbs: expected logits (…, T, V) and targets (…, T), got ${fmtShape(logits.shape)} and ${fmtShape(targets.shape)}`);
  }
  const picked = logits.logSoftmax(-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1); // (…, T)
  return (mask ? picked.mul(mask.astype(picked.dtype)) : picked).sum(-1);
}

/**
 * The DPO loss, mean over pairs. All four inputs (B,) are sequence log-probabilities.
 *
 * ```ts
 * const loss = dpoLoss(policyChosen, policyRejected, refChosen.detach(), refRejected.detach(), 0.1);
 * ```
 */
export function dpoLoss(policyChosen: Tensor, policyRejected: Tensor, refChosen: Tensor, refRejected: Tensor, beta = 0.1): Tensor {
  const shapes = [policyChosen, policyRejected, refChosen, refRejected].map((t) => fmtShape(t.shape));
  if (new Set(shapes).size !== 1) throw new RangeError(`dpoLoss: the four log-probability tensors must have one shape, got ${shapes.join(', ')}`);
  if (!(beta > 0)) throw new RangeError(`dpoLoss: beta must be a number > 0, got ${beta}`);
  const z = policyChosen.sub(refChosen).sub(policyRejected.sub(refRejected)).mul(beta);
  // −log σ(z) = softplus(−z), stable for large |z| and with the right gradient, −σ(−z) = −1/2,
  // at z = 0. That is where DPO starts (policy = reference); the shorter
  // max(−z, 0) + log(1 + e^{−|z|}) has a gradient of 0 there, and training never moves.
  return softplus(z.neg(), 1, Infinity).mean();
}
