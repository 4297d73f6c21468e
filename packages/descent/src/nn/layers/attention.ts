/**
 * Attention (Vaswani et al. 2017, "Attention Is All You Need", §3.2):
 *
 *   Attention(Q, K, V) = softmax(Q·Kᵀ / √d + M)·V
 *
 * where M is an additive mask (0 where a query may look at a key, −∞ where it may not).
 * `scaledDotProductAttention` is that formula on its own (torch.nn.functional's
 * `scaled_dot_product_attention`); `MultiheadAttention` projects queries, keys and values,
 * splits them into heads, attends in each head, and projects the concatenated heads back
 * (torch.nn.MultiheadAttention, same options, masks, parameter names and initialization).
 *
 * Masks come in two flavours, as in PyTorch: a float mask is added to the scores; a bool
 * mask selects positions. Beware that PyTorch's two APIs read bool masks oppositely:
 * in `MultiheadAttention` true means "may NOT attend" (masked out), in
 * `scaledDotProductAttention` true means "may attend". A row whose every key is masked has
 * no defined softmax and comes out NaN, as in PyTorch.
 */
import { Tensor, tensor, where, zeros, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import type { Generator } from '../../random/index.js';
import { Module, Parameter } from '../module.js';
import { xavierUniform } from '../init.js';
import { linear } from '../functional/activations.js';
import { dropout } from './dropout.js';
import { Linear } from './linear.js';

/**
 * The bool (L, S) mask that hides the future: true at key j > query i. (For
 * `scaledDotProductAttention`'s "true = attend" convention use its logicalNot.)
 */
export function causalBoolMask(L: number, S = L): Tensor {
  const out = new Uint8Array(L * S);
  for (let i = 0; i < L; i++) for (let j = i + 1; j < S; j++) out[i * S + j] = 1;
  return tensor(out, { shape: [L, S], dtype: 'bool' });
}

/**
 * Adds a mask to attention scores. A bool mask (true = blocked) first becomes the additive
 * mask −∞/0 in its own (small) shape, as PyTorch does; adding an (L, S) mask to (…, L, S)
 * scores then runs as a row-repeat loop rather than a general broadcast.
 */
function applyMask(scores: Tensor, mask: Tensor, op: string, name: string): Tensor {
  if (mask.dtype === 'int32') throw new TypeError(`${op}: ${name} must be bool or float, got int32; convert it with astype('bool') (or to a float additive mask)`);
  return scores.add(mask.dtype === 'bool' ? where(mask, -Infinity, 0) : mask);
}

export interface ScaledDotProductAttentionOptions {
  /** Bool (true = may attend) or float (added to the scores), broadcastable to (…, L, S). */
  attnMask?: Tensor | null;
  /** Hide key j from query i for j > i (top-left aligned when L ≠ S); not together with `attnMask`. */
  isCausal?: boolean;
  /** Dropout probability on the attention weights (applied whenever > 0, as in PyTorch; pass 0 in evaluation). */
  dropoutP?: number;
  /** Multiplies the scores; 1/√E by default. */
  scale?: number;
  generator?: Generator;
}

/**
 * softmax(q·kᵀ·scale + mask)·v over the last two axes, the leading (batch, head) axes
 * broadcast. q (…, L, E), k (…, S, E), v (…, S, Ev) → (…, L, Ev).
 *
 * ```ts
 * const q = randn([2, 4, 5, 8]);   // (batch, heads, L, E)
 * const out = F.scaledDotProductAttention(q, q, q, { isCausal: true });
 * out.shape;                       // [2, 4, 5, 8]
 * ```
 */
export function scaledDotProductAttention(q: Tensor, k: Tensor, v: Tensor, options: ScaledDotProductAttentionOptions = {}): Tensor {
  const op = 'scaledDotProductAttention';
  if (q.ndim < 2 || k.ndim < 2 || v.ndim < 2) {
    throw new RangeError(`${op}: q, k and v need at least 2 dimensions (…, length, features), got ${fmtShape(q.shape)}, ${fmtShape(k.shape)} and ${fmtShape(v.shape)}`);
  }
  const E = q.shape[q.ndim - 1];
  const L = q.shape[q.ndim - 2];
  const S = k.shape[k.ndim - 2];
  if (k.shape[k.ndim - 1] !== E) throw new RangeError(`${op}: q and k must have the same feature size, got q ${fmtShape(q.shape)} and k ${fmtShape(k.shape)}`);
  if (v.shape[v.ndim - 2] !== S) throw new RangeError(`${op}: k and v must have the same length (axis -2), got k ${fmtShape(k.shape)} and v ${fmtShape(v.shape)}`);
  const { attnMask = null, isCausal = false, dropoutP = 0, scale = 1 / Math.sqrt(E) } = options;
  if (attnMask && isCausal) throw new RangeError(`${op}: pass either attnMask or isCausal, not both (fold the causal mask into attnMask)`);
  let scores = q.matmul(k.transpose(-2, -1)).mul(scale); // (…, L, S)
  if (isCausal) scores = applyMask(scores, causalBoolMask(L, S), op, 'the causal mask');
  if (attnMask) scores = applyMask(scores, attnMask.dtype === 'bool' ? attnMask.logicalNot() : attnMask, op, 'attnMask');
  const weights = dropout(scores.softmax(-1), dropoutP, true, options.generator);
  return weights.matmul(v);
}

export interface MultiheadAttentionOptions {
  /** Dropout probability on the attention weights, in training (default 0). */
  dropout?: number;
  /** Biases on the input and output projections (default true). */
  bias?: boolean;
  /** Feature size of keys (default embedDim). */
  kdim?: number;
  /** Feature size of values (default embedDim). */
  vdim?: number;
  /** Inputs and output are (N, L, E) instead of (L, N, E) (default false). */
  batchFirst?: boolean;
  dtype?: DType;
  generator?: Generator;
}

export interface MultiheadAttentionForward {
  /** (N, S) or (S) unbatched: bool (true = ignore this key) or float (added). */
  keyPaddingMask?: Tensor | null;
  /** (L, S) or (N·numHeads, L, S): bool (true = may not attend) or float (added). */
  attnMask?: Tensor | null;
  /** Return the attention weights (default true). */
  needWeights?: boolean;
  /** Average the returned weights over heads: (N, L, S); else (N, numHeads, L, S) (default true). */
  averageAttnWeights?: boolean;
  /**
   * Causal attention. A hint when `attnMask` is given (PyTorch's meaning: the mask is
   * causal); without `attnMask` the causal mask is built here (PyTorch 2 raises instead).
   */
  isCausal?: boolean;
}

/**
 * Multi-head attention: each of `numHeads` heads attends over its own E/numHeads slice of
 * the projected queries, keys and values; their outputs are concatenated and projected.
 * `forward(query, key, value, options)` returns `[output, weights]` (weights null when
 * `needWeights` is false). Shapes (not batch-first): query (L, N, E), key (S, N, kdim),
 * value (S, N, vdim) → output (L, N, E), weights (N, L, S); unbatched inputs drop N.
 *
 * Parameters as PyTorch: `in_proj_weight` (3E, E) and `in_proj_bias` (3E) packed for q, k, v
 * when kdim = vdim = E, else `q_proj_weight` (E, E), `k_proj_weight` (E, kdim),
 * `v_proj_weight` (E, vdim); `out_proj` a Linear(E, E). Projection weights start Xavier
 * uniform and biases at zero.
 *
 * ```ts
 * const mha = new MultiheadAttention(16, 4, { batchFirst: true });
 * const x = randn([2, 5, 16]);                        // (N, L, E)
 * const [y, w] = mha.forward(x, x, x, { isCausal: true });
 * y.shape; w!.shape;                                   // [2, 5, 16], [2, 5, 5]
 * ```
 */
export class MultiheadAttention extends Module {
  // PyTorch's names (snake_case) so state dicts map one to one.
  in_proj_weight: Parameter | null = null;
  q_proj_weight: Parameter | null = null;
  k_proj_weight: Parameter | null = null;
  v_proj_weight: Parameter | null = null;
  in_proj_bias: Parameter | null = null;
  out_proj: Linear;
  readonly kdim: number;
  readonly vdim: number;
  readonly headDim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  private readonly generator?: Generator;

  constructor(readonly embedDim: number, readonly numHeads: number, options: MultiheadAttentionOptions = {}) {
    super();
    for (const [what, v] of [['embedDim', embedDim], ['numHeads', numHeads]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new RangeError(`MultiheadAttention: ${what} must be a positive integer, got ${v}`);
    }
    if (embedDim % numHeads !== 0) throw new RangeError(`MultiheadAttention: embedDim (${embedDim}) must be divisible by numHeads (${numHeads}); each head gets embedDim / numHeads features`);
    this.kdim = options.kdim ?? embedDim;
    this.vdim = options.vdim ?? embedDim;
    this.headDim = embedDim / numHeads;
    this.dropout = options.dropout ?? 0;
    if (!(this.dropout >= 0 && this.dropout <= 1)) throw new RangeError(`MultiheadAttention: dropout must be a probability in [0, 1], got ${this.dropout}`);
    this.batchFirst = options.batchFirst ?? false;
    this.generator = options.generator;
    const dtype = options.dtype ?? 'float32';
    const E = embedDim;
    if (this.kdim === E && this.vdim === E) {
      this.in_proj_weight = new Parameter(xavierUniform([3 * E, E], { dtype }));
    } else {
      this.q_proj_weight = new Parameter(xavierUniform([E, E], { dtype }));
      this.k_proj_weight = new Parameter(xavierUniform([E, this.kdim], { dtype }));
      this.v_proj_weight = new Parameter(xavierUniform([E, this.vdim], { dtype }));
    }
    const bias = options.bias ?? true;
    if (bias) this.in_proj_bias = new Parameter(zeros([3 * E], { dtype }));
    this.out_proj = new Linear(E, E, { bias, dtype });
    if (bias) this.out_proj.bias = new Parameter(zeros([E], { dtype })); // PyTorch zeroes it; the weight keeps Linear's init
  }

  forward(query: Tensor, key: Tensor, value: Tensor, options: MultiheadAttentionForward = {}): [Tensor, Tensor | null] {
    const { embedDim: E, numHeads: H, headDim: hd } = this;
    const { keyPaddingMask = null, attnMask = null, needWeights = true, averageAttnWeights = true, isCausal = false } = options;
    const batched = this.checkInputs(query, key, value);
    // Everything below works batch-first: (N, L, E).
    const toNLE = (t: Tensor) => (!batched ? t.unsqueeze(0) : this.batchFirst ? t : t.transpose(0, 1));
    const [q0, k0, v0] = [toNLE(query), toNLE(key), toNLE(value)];
    const [N, L] = q0.shape;
    const S = k0.shape[1];

    let q: Tensor, k: Tensor, v: Tensor;
    const b = this.in_proj_bias;
    const bq = b ? b.narrow(0, 0, E) : null, bk = b ? b.narrow(0, E, E) : null, bv = b ? b.narrow(0, 2 * E, E) : null;
    if (this.in_proj_weight && query === key && key === value) {
      // Self-attention: one matmul for all three projections, (N, L, E) → (N, L, 3E).
      [q, k, v] = linear(q0, this.in_proj_weight, b).split(E, 2);
    } else {
      const W = this.in_proj_weight;
      q = linear(q0, W ? W.narrow(0, 0, E) : this.q_proj_weight!, bq);
      k = linear(k0, W ? W.narrow(0, E, E) : this.k_proj_weight!, bk);
      v = linear(v0, W ? W.narrow(0, 2 * E, E) : this.v_proj_weight!, bv);
    }
    const heads = (t: Tensor, len: number) => t.reshape([N, len, H, hd]).permute([0, 2, 1, 3]); // (N, len, E) → (N, H, len, hd)
    q = heads(q, L);
    k = heads(k, S);
    v = heads(v, S);

    let scores = q.mul(1 / Math.sqrt(hd)).matmul(k.transpose(-2, -1)); // (N, H, L, S)
    if (attnMask) scores = applyMask(scores, this.attnMaskOf(attnMask, N, L, S, batched), 'MultiheadAttention', 'attnMask');
    else if (isCausal) scores = applyMask(scores, causalBoolMask(L, S), 'MultiheadAttention', 'the causal mask');
    if (keyPaddingMask) scores = applyMask(scores, this.paddingMaskOf(keyPaddingMask, N, S, batched), 'MultiheadAttention', 'keyPaddingMask');
    const weights = dropout(scores.softmax(-1), this.dropout, this.training, this.generator); // (N, H, L, S)

    const heads2 = weights.matmul(v); // (N, H, L, hd)
    let out = this.out_proj.forward(heads2.permute([0, 2, 1, 3]).reshape([N, L, E])); // (N, L, H, hd) → (N, L, E)
    out = !batched ? out.squeeze(0) : this.batchFirst ? out : out.transpose(0, 1);
    if (!needWeights) return [out, null];
    let w = averageAttnWeights ? weights.mean(1) : weights; // (N, L, S) or (N, H, L, S)
    if (!batched) w = w.squeeze(0);
    return [out, w];
  }

  /** Checks ranks and feature sizes; returns whether the inputs are batched. */
  private checkInputs(query: Tensor, key: Tensor, value: Tensor): boolean {
    const op = 'MultiheadAttention';
    const layout = this.batchFirst ? '(N, L, E)' : '(L, N, E)';
    if (query.ndim !== 2 && query.ndim !== 3) throw new RangeError(`${op}: expected query of shape ${layout} or unbatched (L, E), got ${fmtShape(query.shape)}`);
    const batched = query.ndim === 3;
    if (key.ndim !== query.ndim || value.ndim !== query.ndim) {
      throw new RangeError(`${op}: query, key and value must all be batched (3-D) or all unbatched (2-D), got ${fmtShape(query.shape)}, ${fmtShape(key.shape)} and ${fmtShape(value.shape)}`);
    }
    const last = (t: Tensor) => t.shape[t.ndim - 1];
    for (const [name, t, want, opt] of [['query', query, this.embedDim, 'embedDim'], ['key', key, this.kdim, 'kdim'], ['value', value, this.vdim, 'vdim']] as const) {
      if (last(t) !== want) throw new RangeError(`${op}: expected ${name} with ${want} features (${opt}) in its last dimension, got shape ${fmtShape(t.shape)}`);
    }
    const lenAxis = batched && this.batchFirst ? 1 : 0;
    if (key.shape[lenAxis] !== value.shape[lenAxis]) throw new RangeError(`${op}: key and value must have the same sequence length, got ${fmtShape(key.shape)} and ${fmtShape(value.shape)}`);
    if (batched) {
      const nAxis = this.batchFirst ? 0 : 1;
      if (key.shape[nAxis] !== query.shape[nAxis] || value.shape[nAxis] !== query.shape[nAxis]) {
        throw new RangeError(`${op}: query, key and value must have the same batch size (axis ${nAxis} with batchFirst=${this.batchFirst}), got ${fmtShape(query.shape)}, ${fmtShape(key.shape)} and ${fmtShape(value.shape)}`);
      }
    }
    return batched;
  }

  /** attnMask (L, S) or (N·H, L, S) [unbatched: (H, L, S)] → broadcastable to (N, H, L, S). */
  private attnMaskOf(mask: Tensor, N: number, L: number, S: number, batched: boolean): Tensor {
    const H = this.numHeads;
    const nh = batched ? N * H : H;
    if (mask.ndim === 2 && mask.shape[0] === L && mask.shape[1] === S) return mask;
    if (mask.ndim === 3 && mask.shape[0] === nh && mask.shape[1] === L && mask.shape[2] === S) return mask.reshape([N, H, L, S]);
    throw new RangeError(`MultiheadAttention: expected attnMask of shape (${L}, ${S}) (L, S) or (${nh}, ${L}, ${S}) (${batched ? 'N·numHeads' : 'numHeads'}, L, S), got ${fmtShape(mask.shape)}`);
  }

  /** keyPaddingMask (N, S) [unbatched: (S)] → (N, 1, 1, S). */
  private paddingMaskOf(mask: Tensor, N: number, S: number, batched: boolean): Tensor {
    const want = batched ? [N, S] : [S];
    if (mask.ndim !== want.length || mask.shape.some((d, i) => d !== want[i])) {
      throw new RangeError(`MultiheadAttention: expected keyPaddingMask of shape ${fmtShape(want)} (${batched ? 'N, ' : ''}S), got ${fmtShape(mask.shape)}`);
    }
    return mask.reshape([N, 1, 1, S]);
  }

  protected override extraRepr(): string {
    const parts = [`embedDim=${this.embedDim}`, `numHeads=${this.numHeads}`];
    if (this.kdim !== this.embedDim) parts.push(`kdim=${this.kdim}`);
    if (this.vdim !== this.embedDim) parts.push(`vdim=${this.vdim}`);
    if (this.dropout) parts.push(`dropout=${this.dropout}`);
    if (this.batchFirst) parts.push('batchFirst=true');
    return parts.join(', ');
  }
}
