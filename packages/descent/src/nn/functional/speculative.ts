/**
 * The acceptance rule of speculative decoding (Leviathan et al. 2023, "Fast Inference from
 * Transformers via Speculative Decoding"; Chen et al. 2023, "speculative sampling").
 *
 * A cheap draft model proposes K tokens x₁…x_K with probabilities q; the target model scores
 * all of them in one forward pass, giving p at each of the K + 1 positions. Going left to
 * right, draft token x is kept with probability min(1, p(x)/q(x)). At the first rejection
 * the token is redrawn from the residual norm(max(0, p − q)) and the rest are dropped; if all
 * K survive, one bonus token is drawn from the target's (K+1)-th distribution. Then
 *
 *   P(token = x) = q(x)·min(1, p(x)/q(x)) + (1 − Σ_y min(p(y), q(y)))·residual(x) = p(x),
 *
 * so the output follows the target model exactly, while each target pass yields between 1
 * and K + 1 tokens. `speculativeStep` is that rule on probability rows; the models and the
 * loop around them are the caller's.
 */
import type { Tensor } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { defaultGenerator, type Generator } from '../../random/index.js';

/** Index drawn from the (unnormalized, non-negative) weights w. */
function draw(w: Float64Array, gen: Generator): number {
  let total = 0;
  for (const v of w) total += v;
  let u = gen.random() * total;
  let last = -1;
  for (let i = 0; i < w.length; i++) {
    if (w[i] > 0) last = i;
    if (u < w[i]) return i;
    u -= w[i];
  }
  return last;
}

/**
 * One round of speculative decoding. `targetProbs` (K+1, V): the target model's next-token
 * probabilities after the prefix and after each draft token; `draftProbs` (K, V): the draft
 * model's, from which `draftTokens` (K) were sampled. Returns the tokens to append (the
 * accepted drafts, then one corrected or bonus token) and how many drafts were accepted.
 *
 * ```ts
 * const { tokens, accepted } = speculativeStep(p, q, [5, 9, 2], { generator });
 * ```
 */
export function speculativeStep(targetProbs: Tensor, draftProbs: Tensor, draftTokens: readonly number[], options: { generator?: Generator } = {}): { tokens: number[]; accepted: number } {
  const K = draftTokens.length;
  if (targetProbs.ndim !== 2 || draftProbs.ndim !== 2 || targetProbs.shape[0] !== K + 1 || draftProbs.shape[0] !== K || draftProbs.shape[1] !== targetProbs.shape[1]) {
    throw new RangeError(`speculativeStep: expected targetProbs (K+1, V) and draftProbs (K, V) for K = ${K} draft tokens, got ${fmtShape(targetProbs.shape)} and ${fmtShape(draftProbs.shape)}`);
  }
  const V = targetProbs.shape[1];
  const gen = options.generator ?? defaultGenerator;
  const p = Float64Array.from(targetProbs.contiguous().toTypedArray() as ArrayLike<number>);
  const q = Float64Array.from(draftProbs.contiguous().toTypedArray() as ArrayLike<number>);
  const tokens: number[] = [];
  for (let i = 0; i < K; i++) {
    const x = draftTokens[i];
    if (!Number.isInteger(x) || x < 0 || x >= V) throw new RangeError(`speculativeStep: draft token ${i} is ${x}, outside the vocabulary [0, ${V})`);
    const px = p[i * V + x], qx = q[i * V + x];
    if (qx > 0 && gen.random() < Math.min(1, px / qx)) {
      tokens.push(x);
      continue;
    }
    const residual = new Float64Array(V);
    for (let v = 0; v < V; v++) residual[v] = Math.max(0, p[i * V + v] - q[i * V + v]);
    tokens.push(draw(residual, gen));
    return { tokens, accepted: i };
  }
  tokens.push(draw(p.subarray(K * V), gen));
  return { tokens, accepted: K };
}
