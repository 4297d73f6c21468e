/**
 * Rotary position embeddings (Su et al. 2021, "RoFormer"), in the rotate-half layout of
 * LLaMA (Touvron et al. 2023) as transcribed by Hugging Face's `modeling_llama`.
 *
 * Feature pairs (i, i + d/2) of a query or key at position p are rotated by the angle
 * p·θᵢ with θᵢ = base^(−2i/d):
 *
 *   y = x·cos(pθ) + rotateHalf(x)·sin(pθ),   rotateHalf([x₁, x₂]) = [−x₂, x₁]
 *
 * Because a rotation by pθ on the query and qθ on the key leaves only (p − q)θ in their dot
 * product, attention scores depend on relative position. The gradient comes from the
 * composition (mul, neg, concat).
 */
import { Tensor, arange, concat, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module } from '../module.js';

export interface RotaryOptions {
  /** The base of the frequencies θᵢ = base^(−2i/d) (default 10000). */
  base?: number;
  /** Position of the first row (default 0): the length of the KV cache when decoding. */
  offset?: number;
  dtype?: DType;
}

/**
 * The (T, d) cosine and sine tables for positions offset…offset+T−1, each frequency
 * written twice ([θ₀…θ_{d/2−1}, θ₀…θ_{d/2−1}]) to match the rotate-half layout.
 *
 * ```ts
 * const { cos, sin } = rotaryCosSin(5, 8);   // both (5, 8)
 * ```
 */
export function rotaryCosSin(seqLen: number, headDim: number, options: RotaryOptions = {}): { cos: Tensor; sin: Tensor } {
  const { base = 10000, offset = 0, dtype = 'float32' } = options;
  if (!Number.isInteger(headDim) || headDim < 2 || headDim % 2 !== 0) {
    throw new RangeError(`rotaryCosSin: headDim must be an even integer >= 2 (features are rotated in pairs), got ${headDim}`);
  }
  if (!Number.isInteger(seqLen) || seqLen < 0) throw new RangeError(`rotaryCosSin: seqLen must be a non-negative integer, got ${seqLen}`);
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`rotaryCosSin: offset must be a non-negative integer, got ${offset}`);
  if (!(base > 0)) throw new RangeError(`rotaryCosSin: base must be a number > 0, got ${base}`);
  const half = headDim / 2;
  // Angles in float64 whatever the output dtype, as the tables are small and positions large.
  const invFreq = arange(0, half, 1, { dtype: 'float64' }).mul(-2 / headDim).mul(Math.log(base)).exp(); // (d/2,)
  const pos = arange(offset, offset + seqLen, 1, { dtype: 'float64' }).unsqueeze(1); // (T, 1)
  const freqs = pos.mul(invFreq.unsqueeze(0)); // (T, d/2)
  const angles = concat([freqs, freqs], 1); // (T, d)
  return { cos: angles.cos().astype(dtype), sin: angles.sin().astype(dtype) };
}

/** [x₁, x₂] → [−x₂, x₁] over the last axis. */
export function rotateHalf(x: Tensor): Tensor {
  const d = x.shape[x.ndim - 1];
  const x1 = x.narrow(-1, 0, d / 2);
  const x2 = x.narrow(-1, d / 2, d / 2);
  return concat([x2.neg(), x1], -1);
}

/**
 * Rotates `x` (…, T, d) by the tables from `rotaryCosSin` ((T, d), broadcast over the
 * leading axes).
 *
 * ```ts
 * const q = randn([2, 4, 5, 8]);                 // (batch, heads, T, headDim)
 * const { cos, sin } = rotaryCosSin(5, 8);
 * F.applyRotaryEmb(q, cos, sin).shape;           // [2, 4, 5, 8]
 * ```
 */
export function applyRotaryEmb(x: Tensor, cos: Tensor, sin: Tensor): Tensor {
  const [T, d] = [x.shape[x.ndim - 2], x.shape[x.ndim - 1]];
  if (x.ndim < 2 || cos.ndim !== 2 || cos.shape[0] !== T || cos.shape[1] !== d || sin.shape.join() !== cos.shape.join()) {
    throw new RangeError(`applyRotaryEmb: expected x (…, T, d) with cos and sin (T, d), got x ${fmtShape(x.shape)}, cos ${fmtShape(cos.shape)}, sin ${fmtShape(sin.shape)}; build them with rotaryCosSin(T, d)`);
  }
  return x.mul(cos).add(rotateHalf(x).mul(sin));
}

/**
 * RoPE as a module with no parameters: `forward(x, offset)` rotates x (…, T, headDim) as
 * positions offset…offset+T−1.
 *
 * ```ts
 * const rope = new RotaryEmbedding(8);
 * const k = rope.forward(randn([1, 2, 3, 8]), 5);   // positions 5, 6, 7
 * ```
 */
export class RotaryEmbedding extends Module {
  readonly base: number;

  constructor(readonly headDim: number, options: { base?: number } = {}) {
    super();
    this.base = options.base ?? 10000;
    rotaryCosSin(0, headDim, { base: this.base }); // validates headDim and base now, not at the first forward
  }

  forward(x: Tensor, offset = 0): Tensor {
    if (x.ndim < 2 || x.shape[x.ndim - 1] !== this.headDim) {
      throw new RangeError(`RotaryEmbedding: expected input (…, T, ${this.headDim}), got ${fmtShape(x.shape)}`);
    }
    const { cos, sin } = rotaryCosSin(x.shape[x.ndim - 2], this.headDim, { base: this.base, offset, dtype: x.dtype });
    return applyRotaryEmb(x, cos, sin);
  }

  protected override extraRepr(): string {
    return `headDim=${this.headDim}, base=${this.base}`;
  }
}
