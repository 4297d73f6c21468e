/**
 * A sparse mixture-of-experts feed-forward layer (Shazeer et al. 2017; top-k routing as in
 * Mixtral, Jiang et al. 2024) with the Switch Transformer's load-balancing loss (Fedus et al.
 * 2021, eq. 4–6, in the top-k form of Hugging Face's `load_balancing_loss_func`).
 *
 * A linear router scores each token against E experts; the token goes to its k best experts
 * and the output is their outputs weighted by the router's softmax probabilities,
 * renormalized over the chosen k:
 *
 *   p = softmax(x·Wgᵀ),   y = Σ_{e ∈ topk(p)} p_e / Σ_{topk} p · Expert_e(x)
 *
 * Each expert only runs on the tokens routed to it. Left alone, a router tends to send
 * everything to a few experts; the auxiliary loss
 *
 *   L_aux = E · Σ_e f_e · P_e,   f_e = (tokens·slots routed to e) / tokens,  P_e = mean_tokens p_e
 *
 * is smallest when routing is uniform. f is a count (no gradient); the gradient reaches the
 * router through P.
 */
import { Tensor, tensor } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import type { DType } from '../../tensor/index.js';
import { Module } from '../module.js';
import { ModuleList } from './container.js';
import { Linear } from './linear.js';
import { SwiGLU } from './swiglu.js';

export interface MixtureOfExpertsOptions {
  /** Experts per token (default 2). */
  topK?: number;
  dtype?: DType;
}

/**
 * x (…, dim) → [y (…, dim), loadBalancingLoss (scalar)], with `nExperts` SwiGLU experts of
 * `hiddenDim` units and a bias-free router `gate`.
 *
 * ```ts
 * const moe = new MixtureOfExperts(16, 32, 4, { topK: 2 });
 * const [y, aux] = moe.forward(randn([2, 5, 16]));   // y (2, 5, 16)
 * const loss = taskLoss.add(aux.mul(0.01));          // Switch uses α = 0.01
 * ```
 */
export class MixtureOfExperts extends Module {
  gate: Linear;
  experts: ModuleList<SwiGLU>;
  readonly topK: number;

  constructor(readonly dim: number, readonly hiddenDim: number, readonly nExperts: number, options: MixtureOfExpertsOptions = {}) {
    super();
    this.topK = options.topK ?? 2;
    if (!Number.isInteger(nExperts) || nExperts < 1) throw new RangeError(`MixtureOfExperts: nExperts must be an integer >= 1, got ${nExperts}`);
    if (!Number.isInteger(this.topK) || this.topK < 1 || this.topK > nExperts) {
      throw new RangeError(`MixtureOfExperts: topK must be an integer in [1, nExperts = ${nExperts}], got ${this.topK}`);
    }
    this.gate = new Linear(dim, nExperts, { bias: false, dtype: options.dtype });
    this.experts = new ModuleList(Array.from({ length: nExperts }, () => new SwiGLU(dim, hiddenDim, { dtype: options.dtype })));
  }

  forward(x: Tensor): [Tensor, Tensor] {
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.dim) {
      throw new RangeError(`MixtureOfExperts: expected input with last dimension ${this.dim}, got shape ${fmtShape(x.shape)}`);
    }
    const [E, k, d] = [this.nExperts, this.topK, this.dim];
    const tokens = x.reshape([-1, d]); // (…, d) -> (N, d)
    const N = tokens.shape[0];
    const probs = this.gate.forward(tokens).softmax(-1); // (N, E)
    const chosen = probs.detach().topk(k, -1).indices; // (N, k)
    const picked = probs.gather(1, chosen); // (N, k), differentiable
    const weights = picked.div(picked.sum(-1, true)); // renormalized over the k chosen
    // Route: for each expert, the tokens (and slot positions) that chose it.
    const ids = chosen.toTypedArray();
    const rows: number[][] = Array.from({ length: E }, () => []);
    const slots: number[][] = Array.from({ length: E }, () => []);
    for (let i = 0; i < N * k; i++) {
      rows[ids[i]].push(Math.floor(i / k));
      slots[ids[i]].push(i);
    }
    let out = tokens.mul(0); // (N, d) zeros of x's dtype
    const flatWeights = weights.reshape([-1]); // (N·k,)
    for (let e = 0; e < E; e++) {
      if (rows[e].length === 0) continue;
      const m = rows[e].length;
      const y = this.experts[e].forward(tokens.indexSelect(0, tensor(Int32Array.from(rows[e]), { dtype: 'int32' }))); // (m, d)
      const w = flatWeights.indexSelect(0, tensor(Int32Array.from(slots[e]), { dtype: 'int32' })).unsqueeze(1); // (m, 1)
      const index = tensor(Int32Array.from({ length: m * d }, (_, i) => rows[e][Math.floor(i / d)]), { shape: [m, d], dtype: 'int32' });
      out = out.scatterAdd(0, index, y.mul(w)); // add each row into its token's row
    }
    const f = new Float64Array(E);
    for (let i = 0; i < N * k; i++) f[ids[i]] += 1 / N;
    const aux = probs.mean(0).mul(tensor(f, { dtype: probs.dtype })).sum().mul(E); // E · Σ f_e P_e
    return [out.reshape(x.shape), aux];
  }

  protected override extraRepr(): string {
    return `dim=${this.dim}, hiddenDim=${this.hiddenDim}, nExperts=${this.nExperts}, topK=${this.topK}`;
  }
}
