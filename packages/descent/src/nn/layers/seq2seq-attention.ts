/**
 * Attention for encoder–decoder RNNs: one decoder state (the query) looks at every encoder
 * output (the keys, which are also the values) and takes their weighted average, the
 * context vector.
 *
 *   scores_j = score(q, k_j),   α = softmax(scores) over j,   context = Σ_j α_j k_j
 *
 * Two families of score, from the two papers that introduced attention for translation:
 *
 * - Bahdanau, Cho & Bengio 2015, "Neural Machine Translation by Jointly Learning to Align
 *   and Translate", eq. (6) and appendix A.1.2 (additive):
 *     score(q, k) = vᵀ tanh(W q + U k)
 * - Luong, Pham & Manning 2015, "Effective Approaches to Attention-based Neural Machine
 *   Translation", eq. (8) (multiplicative and concat):
 *     dot:     score(q, k) = qᵀ k
 *     general: score(q, k) = qᵀ W k
 *     concat:  score(q, k) = vᵀ tanh(W [q; k])
 *
 * Both modules take the query (B, Dq), the keys (B, S, Dk) and an optional key-padding mask
 * (B, S), bool with true = padding (ignore it), the convention of `MultiheadAttention`; they
 * return the context (B, Dk) and the weights (B, S). Where the decoder calls them (before or
 * after its recurrent step) is the decoder's business: see `seq2seq.ts`.
 */
import { Tensor, concat, where } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module } from '../module.js';
import { Linear } from './linear.js';
import type { DType } from '../../tensor/index.js';

/** What both attention modules return: context (B, Dk) and weights (B, S), rows summing to 1. */
export interface AttentionResult {
  context: Tensor;
  weights: Tensor;
}

export type LuongScore = 'dot' | 'general' | 'concat';

/** Checks query (B, Dq), keys (B, S, Dk) and mask (B, S); returns [B, S]. */
function checkShapes(op: string, query: Tensor, keys: Tensor, Dq: number, Dk: number, mask?: Tensor | null): [number, number] {
  if (query.ndim !== 2 || query.shape[1] !== Dq) {
    throw new RangeError(`${op}: expected query of shape (batch, ${Dq}) (queryDim), got ${fmtShape(query.shape)}`);
  }
  const B = query.shape[0];
  if (keys.ndim !== 3 || keys.shape[0] !== B || keys.shape[2] !== Dk) {
    throw new RangeError(`${op}: expected keys of shape (${B}, S, ${Dk}) (batch, source length, keyDim), got ${fmtShape(keys.shape)}`);
  }
  const S = keys.shape[1];
  if (mask && (mask.ndim !== 2 || mask.shape[0] !== B || mask.shape[1] !== S || mask.dtype !== 'bool')) {
    throw new RangeError(`${op}: expected a bool keyPaddingMask of shape (${B}, ${S}) (true = padding), got ${mask.dtype} ${fmtShape(mask.shape)}`);
  }
  return [B, S];
}

/**
 * scores (B, S) → softmax weights, with padded keys set to −∞ first so their weight is
 * exactly 0; context = weights (B, 1, S) @ keys (B, S, Dk) → (B, Dk).
 */
function attend(scores: Tensor, keys: Tensor, mask?: Tensor | null): AttentionResult {
  const masked = mask ? scores.add(where(mask, -Infinity, 0)) : scores;
  const weights = masked.softmax(-1); // (B, S)
  const context = weights.unsqueeze(1).matmul(keys).squeeze(1); // (B, 1, S) @ (B, S, Dk) → (B, Dk)
  return { context, weights };
}

export interface AttentionOptions {
  dtype?: DType;
}

/**
 * Additive attention (Bahdanau et al. 2015): score(q, k) = vᵀ tanh(W q + U k), with
 * W = `query_proj` (Dq → A, no bias), U = `key_proj` (Dk → A, with bias) and
 * v = `v` (A → 1, no bias). U k is the same for every decoder step, so `projectKeys`
 * lets a decoder compute it once per sequence and pass it back in.
 *
 * ```ts
 * const attn = new BahdanauAttention(16, 32, 24);          // queryDim, keyDim, attnDim
 * const { context, weights } = attn.forward(randn([2, 16]), randn([2, 7, 32]));
 * context.shape; weights.shape;                             // [2, 32], [2, 7]
 * ```
 */
export class BahdanauAttention extends Module {
  query_proj: Linear;
  key_proj: Linear;
  v: Linear;

  constructor(readonly queryDim: number, readonly keyDim: number, readonly attnDim: number, options: AttentionOptions = {}) {
    super();
    for (const [what, n] of [['queryDim', queryDim], ['keyDim', keyDim], ['attnDim', attnDim]] as const) {
      if (!Number.isInteger(n) || n <= 0) throw new RangeError(`BahdanauAttention: ${what} must be a positive integer, got ${n}`);
    }
    const dtype = options.dtype ?? 'float32';
    this.query_proj = new Linear(queryDim, attnDim, { bias: false, dtype });
    this.key_proj = new Linear(keyDim, attnDim, { dtype });
    this.v = new Linear(attnDim, 1, { bias: false, dtype });
  }

  /** U k for every key: (B, S, Dk) → (B, S, A). */
  projectKeys(keys: Tensor): Tensor {
    return this.key_proj.forward(keys);
  }

  /**
   * query (B, Dq), keys (B, S, Dk), keyPaddingMask (B, S) bool (true = padding) →
   * { context (B, Dk), weights (B, S) }. `projectedKeys` is `projectKeys(keys)` if already computed.
   */
  forward(query: Tensor, keys: Tensor, keyPaddingMask?: Tensor | null, projectedKeys?: Tensor): AttentionResult {
    checkShapes('BahdanauAttention', query, keys, this.queryDim, this.keyDim, keyPaddingMask);
    const uk = projectedKeys ?? this.projectKeys(keys); // (B, S, A)
    const wq = this.query_proj.forward(query).unsqueeze(1); // (B, A) → (B, 1, A), broadcast over S
    const scores = this.v.forward(uk.add(wq).tanh()).squeeze(2); // (B, S, 1) → (B, S)
    return attend(scores, keys, keyPaddingMask);
  }

  protected override extraRepr(): string {
    return `queryDim=${this.queryDim}, keyDim=${this.keyDim}, attnDim=${this.attnDim}`;
  }
}

/**
 * Multiplicative and concat attention (Luong et al. 2015), chosen by `score`:
 * - `'dot'`: qᵀk, no parameters; needs queryDim = keyDim.
 * - `'general'`: qᵀ W k with `W` a Linear (Dk → Dq, no bias), computed as q · (W k).
 * - `'concat'`: vᵀ tanh(W [q; k]) with `W` a Linear (Dq + Dk → attnDim, no bias) and `v`
 *   (attnDim → 1, no bias). W [q; k] = W_q q + W_k k, so the key half is applied to the
 *   keys and the query half broadcast, rather than concatenating q to every key.
 *
 * ```ts
 * const attn = new LuongAttention(32, 32, { score: 'general' });
 * const { context, weights } = attn.forward(randn([2, 32]), randn([2, 7, 32]));
 * context.shape; weights.shape;                             // [2, 32], [2, 7]
 * ```
 */
export class LuongAttention extends Module {
  readonly score: LuongScore;
  readonly attnDim: number;
  W: Linear | null = null;
  v: Linear | null = null;

  constructor(readonly queryDim: number, readonly keyDim: number, options: AttentionOptions & { score?: LuongScore; attnDim?: number } = {}) {
    super();
    this.score = options.score ?? 'general';
    this.attnDim = options.attnDim ?? queryDim;
    for (const [what, n] of [['queryDim', queryDim], ['keyDim', keyDim], ['attnDim', this.attnDim]] as const) {
      if (!Number.isInteger(n) || n <= 0) throw new RangeError(`LuongAttention: ${what} must be a positive integer, got ${n}`);
    }
    const dtype = options.dtype ?? 'float32';
    if (this.score === 'dot') {
      if (queryDim !== keyDim) throw new RangeError(`LuongAttention: the 'dot' score needs queryDim = keyDim, got ${queryDim} and ${keyDim}; use score 'general' to learn a map between them`);
    } else if (this.score === 'general') {
      this.W = new Linear(keyDim, queryDim, { bias: false, dtype });
    } else if (this.score === 'concat') {
      this.W = new Linear(queryDim + keyDim, this.attnDim, { bias: false, dtype });
      this.v = new Linear(this.attnDim, 1, { bias: false, dtype });
    } else {
      throw new RangeError(`LuongAttention: score must be 'dot', 'general' or 'concat', got '${String(this.score)}'`);
    }
  }

  /** query (B, Dq), keys (B, S, Dk), keyPaddingMask (B, S) bool → { context (B, Dk), weights (B, S) }. */
  forward(query: Tensor, keys: Tensor, keyPaddingMask?: Tensor | null): AttentionResult {
    checkShapes('LuongAttention', query, keys, this.queryDim, this.keyDim, keyPaddingMask);
    return attend(this.scores(query, keys), keys, keyPaddingMask);
  }

  /** The raw scores (B, S), before masking and softmax. */
  scores(query: Tensor, keys: Tensor): Tensor {
    const Dq = this.queryDim;
    if (this.score === 'concat') {
      const W = this.W!.weight; // (A, Dq + Dk)
      const wq = query.matmul(W.narrow(1, 0, Dq).T).unsqueeze(1); // (B, A) → (B, 1, A)
      const wk = keys.matmul(W.narrow(1, Dq, this.keyDim).T); // (B, S, A)
      return this.v!.forward(wk.add(wq).tanh()).squeeze(2); // (B, S, 1) → (B, S)
    }
    const k = this.score === 'general' ? this.W!.forward(keys) : keys; // (B, S, Dq)
    return k.matmul(query.unsqueeze(2)).squeeze(2); // (B, S, Dq) @ (B, Dq, 1) → (B, S)
  }

  protected override extraRepr(): string {
    return `queryDim=${this.queryDim}, keyDim=${this.keyDim}, score='${this.score}'${this.score === 'concat' ? `, attnDim=${this.attnDim}` : ''}`;
  }
}

/** [a; b] along the last axis, the concatenation both papers write as [x; y]. */
export function catLast(a: Tensor, b: Tensor): Tensor {
  return concat([a, b], a.ndim - 1);
}
