/**
 * Grouped-query attention (Ainslie et al. 2023, "GQA"), the attention of LLaMA 2/3, with
 * rotary position embeddings and a key/value cache for incremental decoding.
 *
 * `nHeads` query heads share `nKvHeads` key/value heads: each group of nHeads/nKvHeads query
 * heads attends to the same keys and values. nKvHeads = nHeads is ordinary multi-head
 * attention; nKvHeads = 1 is multi-query attention (Shazeer 2019). Fewer key/value heads
 * shrink the cache that decoding has to keep and read.
 *
 *   q = RoPE(x·Wqᵀ), k = RoPE(x·Wkᵀ), v = x·Wvᵀ, split into heads
 *   out = (softmax(q·kᵀ/√hd + causal)·v, heads concatenated)·Woᵀ
 *
 * Decoding with a `KVCache`: keys (already rotated) and values of earlier positions are
 * kept, so each step projects only the new tokens, and a query at absolute position p sees
 * keys 0…p. The outputs equal the full forward's (test/nn/llm.test.ts checks this).
 */
import { Tensor, concat, tensor, where, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module } from '../module.js';
import { Linear } from './linear.js';
import { RotaryEmbedding } from './rotary.js';

/** Keys and values of the positions seen so far, (B, nKvHeads, S, headDim) each; start empty. */
export class KVCache {
  k: Tensor | null = null;
  v: Tensor | null = null;

  /** The number of cached positions. */
  get length(): number {
    return this.k === null ? 0 : this.k.shape[2];
  }

  /** Forgets every position (to start a new sequence). */
  reset(): void {
    this.k = null;
    this.v = null;
  }
}

export interface GroupedQueryAttentionOptions {
  /** Key/value heads; must divide nHeads (default nHeads: multi-head attention). */
  nKvHeads?: number;
  /** Biases on the projections (default false, as in LLaMA). */
  bias?: boolean;
  /** Rotate queries and keys with RoPE (default true). */
  rope?: boolean;
  /** RoPE's base (default 10000). */
  ropeBase?: number;
  dtype?: DType;
}

export interface GroupedQueryAttentionForward {
  /** Hide later positions (default true). */
  causal?: boolean;
  /** Read earlier keys/values from here and append this call's (decoding). */
  cache?: KVCache | null;
}

/** Bool (L, S) mask, true = blocked: key j after query i's absolute position past + i. */
function causalMask(L: number, S: number): Tensor {
  const past = S - L;
  const out = new Uint8Array(L * S);
  for (let i = 0; i < L; i++) for (let j = past + i + 1; j < S; j++) out[i * S + j] = 1;
  return tensor(out, { shape: [L, S], dtype: 'bool' });
}

/**
 * Self-attention over x (B, T, dModel) → (B, T, dModel). Parameters wq (nHeads·hd, dModel),
 * wk and wv (nKvHeads·hd, dModel), wo (dModel, nHeads·hd), hd = dModel / nHeads, named as
 * in Meta's LLaMA code.
 *
 * ```ts
 * const attn = new GroupedQueryAttention(16, 4, { nKvHeads: 2 });
 * const cache = new KVCache();
 * attn.forward(randn([1, 5, 16]), { cache });        // prompt: 5 positions cached
 * attn.forward(randn([1, 1, 16]), { cache }).shape;  // one more token: [1, 1, 16]
 * ```
 */
export class GroupedQueryAttention extends Module {
  wq: Linear;
  wk: Linear;
  wv: Linear;
  wo: Linear;
  rope: RotaryEmbedding | null;
  readonly nKvHeads: number;
  readonly headDim: number;

  constructor(readonly dModel: number, readonly nHeads: number, options: GroupedQueryAttentionOptions = {}) {
    super();
    const nKv = options.nKvHeads ?? nHeads;
    if (!Number.isInteger(nHeads) || nHeads < 1 || dModel % nHeads !== 0) {
      throw new RangeError(`GroupedQueryAttention: nHeads must be a positive integer dividing dModel = ${dModel}, got ${nHeads}`);
    }
    if (!Number.isInteger(nKv) || nKv < 1 || nHeads % nKv !== 0) {
      throw new RangeError(`GroupedQueryAttention: nKvHeads must be a positive integer dividing nHeads = ${nHeads}, got ${nKv}`);
    }
    this.nKvHeads = nKv;
    this.headDim = dModel / nHeads;
    const o = { bias: options.bias ?? false, dtype: options.dtype };
    this.wq = new Linear(dModel, nHeads * this.headDim, o);
    this.wk = new Linear(dModel, nKv * this.headDim, o);
    this.wv = new Linear(dModel, nKv * this.headDim, o);
    this.wo = new Linear(nHeads * this.headDim, dModel, o);
    this.rope = options.rope === false ? null : new RotaryEmbedding(this.headDim, { base: options.ropeBase ?? 10000 });
  }

  forward(x: Tensor, options: GroupedQueryAttentionForward = {}): Tensor {
    if (x.ndim !== 3 || x.shape[2] !== this.dModel) {
      throw new RangeError(`GroupedQueryAttention: expected input (B, T, ${this.dModel}), got ${fmtShape(x.shape)}`);
    }
    const { causal = true, cache = null } = options;
    const [B, T] = x.shape;
    const [H, Hkv, hd] = [this.nHeads, this.nKvHeads, this.headDim];
    const past = cache?.length ?? 0;
    if (cache?.k && cache.k.shape[0] !== B) {
      throw new RangeError(`GroupedQueryAttention: the cache holds batch size ${cache.k.shape[0]}, got input batch ${B}; call cache.reset() for a new batch`);
    }
    let q = this.wq.forward(x).reshape([B, T, H, hd]).transpose(1, 2); // (B, T, H·hd) -> (B, H, T, hd)
    let k = this.wk.forward(x).reshape([B, T, Hkv, hd]).transpose(1, 2); // (B, Hkv, T, hd)
    let v = this.wv.forward(x).reshape([B, T, Hkv, hd]).transpose(1, 2); // (B, Hkv, T, hd)
    if (this.rope) {
      q = this.rope.forward(q, past);
      k = this.rope.forward(k, past);
    }
    if (cache) {
      if (cache.k && cache.v) {
        k = concat([cache.k, k], 2); // (B, Hkv, past + T, hd)
        v = concat([cache.v, v], 2);
      }
      cache.k = k;
      cache.v = v;
    }
    const S = k.shape[2];
    const group = H / Hkv;
    if (group > 1) {
      // Repeat each key/value head for its group: (B, Hkv, S, hd) -> (B, Hkv, g, S, hd) -> (B, H, S, hd)
      k = k.unsqueeze(2).expand([B, Hkv, group, S, hd]).reshape([B, H, S, hd]);
      v = v.unsqueeze(2).expand([B, Hkv, group, S, hd]).reshape([B, H, S, hd]);
    }
    let scores = q.matmul(k.transpose(-2, -1)).mul(1 / Math.sqrt(hd)); // (B, H, T, S)
    if (causal) scores = scores.add(where(causalMask(T, S), -Infinity, 0));
    const out = scores.softmax(-1).matmul(v); // (B, H, T, hd)
    return this.wo.forward(out.transpose(1, 2).reshape([B, T, H * hd])); // (B, T, H·hd) -> (B, T, dModel)
  }

  protected override extraRepr(): string {
    return `dModel=${this.dModel}, nHeads=${this.nHeads}, nKvHeads=${this.nKvHeads}`;
  }
}
