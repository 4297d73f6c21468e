/**
 * Transformer layers (Vaswani et al. 2017, §3.1), shaped like PyTorch's
 * `TransformerEncoderLayer`, `TransformerDecoderLayer`, `TransformerEncoder` and
 * `TransformerDecoder`: the same options (camelCase), sublayer order, and child names
 * (`self_attn`, `multihead_attn`, `linear1`, `linear2`, `norm1`…`norm3`, `layers.0…`) so a
 * PyTorch state dict loads one to one.
 *
 * Each sublayer (attention, or the feed-forward block linear2(dropout(act(linear1(x))))) is
 * wrapped in a residual connection and a LayerNorm, in one of two orders:
 *   post-norm (the paper, `normFirst: false`):  x = norm(x + dropout(sublayer(x)))
 *   pre-norm (`normFirst: true`, Xiong et al. 2020, trains more stably when deep):
 *                                               x = x + dropout(sublayer(norm(x)))
 *
 * Shapes: src/tgt (L, N, dModel), memory (S, N, dModel), or batch-first (N, L, dModel), or
 * unbatched (L, dModel). Masks are MultiheadAttention's: bool true = may not attend, or
 * float added to the scores.
 */
import { Tensor, tensor, type DType } from '../../tensor/index.js';
import { Module } from '../module.js';
import { gelu, relu } from '../functional/activations.js';
import { MultiheadAttention } from './attention.js';
import { Dropout } from './dropout.js';
import { LayerNorm } from './layer-norm.js';
import { Linear } from './linear.js';
import { ModuleList } from './container.js';

export type TransformerActivation = 'relu' | 'gelu' | ((x: Tensor) => Tensor);

export interface TransformerLayerOptions {
  /** Width of the feed-forward block's hidden layer (default 2048). */
  dimFeedforward?: number;
  /** Dropout after attention, inside and after the feed-forward block (default 0.1). */
  dropout?: number;
  /** The feed-forward nonlinearity (default 'relu'; 'gelu' is the exact GELU). */
  activation?: TransformerActivation;
  /** LayerNorm's ε (default 1e-5). */
  layerNormEps?: number;
  /** Inputs are (N, L, dModel) instead of (L, N, dModel) (default false). */
  batchFirst?: boolean;
  /** Pre-norm: normalize before each sublayer instead of after the residual sum (default false). */
  normFirst?: boolean;
  /** Biases in every Linear, attention projection and LayerNorm (default true). */
  bias?: boolean;
  dtype?: DType;
}

export interface EncoderForwardOptions {
  /** Attention mask (L, L) or (N·nhead, L, L). */
  srcMask?: Tensor | null;
  /** (N, L) or (L): true (or −∞) hides that position of src. */
  srcKeyPaddingMask?: Tensor | null;
  /** Causal self-attention; builds the mask when `srcMask` is not given. */
  isCausal?: boolean;
}

export interface DecoderForwardOptions {
  tgtMask?: Tensor | null;
  memoryMask?: Tensor | null;
  tgtKeyPaddingMask?: Tensor | null;
  memoryKeyPaddingMask?: Tensor | null;
  /** Causal self-attention over tgt; builds the mask when `tgtMask` is not given. */
  tgtIsCausal?: boolean;
  memoryIsCausal?: boolean;
}

/**
 * The float (n, n) mask with −∞ above the diagonal and 0 elsewhere: position i may attend
 * to positions 0…i only. PyTorch's `Transformer.generate_square_subsequent_mask`.
 *
 * ```ts
 * generateSquareSubsequentMask(3).toArray();   // [[0, -inf, -inf], [0, 0, -inf], [0, 0, 0]]
 * ```
 */
export function generateSquareSubsequentMask(n: number, options: { dtype?: DType } = {}): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`generateSquareSubsequentMask: size must be a non-negative integer, got ${n}`);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[i * n + j] = -Infinity;
  return tensor(out, { shape: [n, n], dtype: options.dtype ?? 'float32' });
}

/**
 * What both layers share: options, how attention and norms are built, the copy used by the
 * stacks. The blocks themselves stay in each layer, as in PyTorch, so parameters come in
 * PyTorch's order (self_attn, [multihead_attn], linear1, linear2, norms).
 */
abstract class TransformerLayerBase extends Module {
  readonly normFirst: boolean;
  protected readonly act: (x: Tensor) => Tensor;
  protected readonly eps: number;

  constructor(readonly dModel: number, readonly nhead: number, readonly options: TransformerLayerOptions) {
    super();
    const name = this.constructor.name;
    for (const [what, v] of [['dModel', dModel], ['nhead', nhead], ['dimFeedforward', options.dimFeedforward ?? 2048]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${name}: ${what} must be a positive integer, got ${v}`);
    }
    const activation = options.activation ?? 'relu';
    if (typeof activation === 'function') this.act = activation;
    else if (activation === 'relu') this.act = relu;
    else if (activation === 'gelu') this.act = (x) => gelu(x);
    else throw new RangeError(`${name}: activation must be 'relu', 'gelu' or a function, got '${String(activation)}'`);
    this.normFirst = options.normFirst ?? false;
    this.eps = options.layerNormEps ?? 1e-5;
  }

  protected attention(): MultiheadAttention {
    const o = this.options;
    return new MultiheadAttention(this.dModel, this.nhead, { dropout: o.dropout ?? 0.1, bias: o.bias, batchFirst: o.batchFirst, dtype: o.dtype });
  }

  protected norm(): LayerNorm {
    return new LayerNorm(this.dModel, { eps: this.eps, bias: this.options.bias, dtype: this.options.dtype });
  }

  /** A new layer with the same options and a copy of the weights (what PyTorch's deepcopy gives). */
  abstract copy(): this;

  protected copyInto<T extends TransformerLayerBase>(fresh: T): T {
    fresh.loadStateDict(this.stateDict());
    return fresh.train(this.training);
  }

  protected override extraRepr(): string {
    return `dModel=${this.dModel}, nhead=${this.nhead}${this.normFirst ? ', normFirst=true' : ''}`;
  }
}

/**
 * Self-attention then a feed-forward block, each with a residual connection and LayerNorm.
 * `forward(src, { srcMask, srcKeyPaddingMask, isCausal })` → the same shape as src.
 *
 * ```ts
 * const layer = new TransformerEncoderLayer(16, 4, { dimFeedforward: 32, batchFirst: true });
 * layer.forward(randn([2, 5, 16]), { isCausal: true }).shape;   // [2, 5, 16]
 * ```
 */
export class TransformerEncoderLayer extends TransformerLayerBase {
  self_attn: MultiheadAttention;
  linear1: Linear;
  dropout: Dropout;
  linear2: Linear;
  norm1: LayerNorm;
  norm2: LayerNorm;
  dropout1: Dropout;
  dropout2: Dropout;

  constructor(dModel: number, nhead: number, options: TransformerLayerOptions = {}) {
    super(dModel, nhead, options);
    const p = options.dropout ?? 0.1;
    const ff = options.dimFeedforward ?? 2048;
    this.self_attn = this.attention();
    this.linear1 = new Linear(dModel, ff, { bias: options.bias, dtype: options.dtype });
    this.dropout = new Dropout(p);
    this.linear2 = new Linear(ff, dModel, { bias: options.bias, dtype: options.dtype });
    this.norm1 = this.norm();
    this.norm2 = this.norm();
    this.dropout1 = new Dropout(p);
    this.dropout2 = new Dropout(p);
  }

  forward(src: Tensor, options: EncoderForwardOptions = {}): Tensor {
    const sa = (x: Tensor) => this.dropout1.forward(this.self_attn.forward(x, x, x, {
      attnMask: options.srcMask, keyPaddingMask: options.srcKeyPaddingMask, isCausal: options.isCausal, needWeights: false,
    })[0]);
    const ff = (x: Tensor) => this.dropout2.forward(this.linear2.forward(this.dropout.forward(this.act(this.linear1.forward(x)))));
    let x = src;
    if (this.normFirst) {
      x = x.add(sa(this.norm1.forward(x)));
      x = x.add(ff(this.norm2.forward(x)));
    } else {
      x = this.norm1.forward(x.add(sa(x)));
      x = this.norm2.forward(x.add(ff(x)));
    }
    return x;
  }

  copy(): this {
    return this.copyInto(new TransformerEncoderLayer(this.dModel, this.nhead, this.options)) as this;
  }
}

/**
 * Masked self-attention over the target, attention over the encoder's output (memory),
 * then a feed-forward block, each with a residual connection and LayerNorm.
 * `forward(tgt, memory, { tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask, tgtIsCausal })`.
 *
 * ```ts
 * const layer = new TransformerDecoderLayer(16, 4, { dimFeedforward: 32 });
 * layer.forward(randn([5, 2, 16]), randn([7, 2, 16]), { tgtIsCausal: true }).shape;   // [5, 2, 16]
 * ```
 */
export class TransformerDecoderLayer extends TransformerLayerBase {
  self_attn: MultiheadAttention;
  multihead_attn: MultiheadAttention;
  linear1: Linear;
  dropout: Dropout;
  linear2: Linear;
  norm1: LayerNorm;
  norm2: LayerNorm;
  norm3: LayerNorm;
  dropout1: Dropout;
  dropout2: Dropout;
  dropout3: Dropout;

  constructor(dModel: number, nhead: number, options: TransformerLayerOptions = {}) {
    super(dModel, nhead, options);
    const p = options.dropout ?? 0.1;
    const ff = options.dimFeedforward ?? 2048;
    this.self_attn = this.attention();
    this.multihead_attn = this.attention();
    this.linear1 = new Linear(dModel, ff, { bias: options.bias, dtype: options.dtype });
    this.dropout = new Dropout(p);
    this.linear2 = new Linear(ff, dModel, { bias: options.bias, dtype: options.dtype });
    this.norm1 = this.norm();
    this.norm2 = this.norm();
    this.norm3 = this.norm();
    this.dropout1 = new Dropout(p);
    this.dropout2 = new Dropout(p);
    this.dropout3 = new Dropout(p);
  }

  forward(tgt: Tensor, memory: Tensor, options: DecoderForwardOptions = {}): Tensor {
    const sa = (x: Tensor) => this.dropout1.forward(this.self_attn.forward(x, x, x, {
      attnMask: options.tgtMask, keyPaddingMask: options.tgtKeyPaddingMask, isCausal: options.tgtIsCausal, needWeights: false,
    })[0]);
    const mha = (x: Tensor) => this.dropout2.forward(this.multihead_attn.forward(x, memory, memory, {
      attnMask: options.memoryMask, keyPaddingMask: options.memoryKeyPaddingMask, isCausal: options.memoryIsCausal, needWeights: false,
    })[0]);
    const ff = (x: Tensor) => this.dropout3.forward(this.linear2.forward(this.dropout.forward(this.act(this.linear1.forward(x)))));
    let x = tgt;
    if (this.normFirst) {
      x = x.add(sa(this.norm1.forward(x)));
      x = x.add(mha(this.norm2.forward(x)));
      x = x.add(ff(this.norm3.forward(x)));
    } else {
      x = this.norm1.forward(x.add(sa(x)));
      x = this.norm2.forward(x.add(mha(x)));
      x = this.norm3.forward(x.add(ff(x)));
    }
    return x;
  }

  copy(): this {
    return this.copyInto(new TransformerDecoderLayer(this.dModel, this.nhead, this.options)) as this;
  }
}

function checkNumLayers(op: string, numLayers: number): void {
  if (!Number.isInteger(numLayers) || numLayers <= 0) throw new RangeError(`${op}: numLayers must be a positive integer, got ${numLayers}`);
}

/**
 * `numLayers` copies of an encoder layer run in sequence, then an optional final norm (use
 * one after pre-norm layers). Like PyTorch, the copies start with the given layer's
 * weights and are trained independently; the layer passed in is not itself used.
 * `forward(src, { mask, srcKeyPaddingMask, isCausal })` (`srcMask` is accepted for `mask`).
 *
 * ```ts
 * const layer = new TransformerEncoderLayer(16, 4, { dimFeedforward: 32, dropout: 0 });
 * const encoder = new TransformerEncoder(layer, 2, new LayerNorm(16));
 * encoder.forward(randn([5, 2, 16])).shape;   // [5, 2, 16]
 * ```
 */
export class TransformerEncoder extends Module {
  layers: ModuleList<TransformerEncoderLayer>;
  norm: LayerNorm | null;

  constructor(encoderLayer: TransformerEncoderLayer, readonly numLayers: number, norm: LayerNorm | null = null) {
    super();
    checkNumLayers('TransformerEncoder', numLayers);
    this.layers = new ModuleList(Array.from({ length: numLayers }, () => encoderLayer.copy()));
    this.norm = norm;
  }

  forward(src: Tensor, options: EncoderForwardOptions & { mask?: Tensor | null } = {}): Tensor {
    const layerOptions = { srcMask: options.mask ?? options.srcMask, srcKeyPaddingMask: options.srcKeyPaddingMask, isCausal: options.isCausal };
    let x = src;
    for (const layer of this.layers) x = layer.forward(x, layerOptions);
    return this.norm ? this.norm.forward(x) : x;
  }
}

/**
 * `numLayers` copies of a decoder layer run in sequence over the same memory, then an
 * optional final norm. `forward(tgt, memory, options)` takes the decoder layer's options.
 *
 * ```ts
 * const layer = new TransformerDecoderLayer(16, 4, { dimFeedforward: 32, dropout: 0 });
 * const decoder = new TransformerDecoder(layer, 2);
 * decoder.forward(randn([5, 2, 16]), randn([7, 2, 16]), { tgtMask: generateSquareSubsequentMask(5) }).shape;   // [5, 2, 16]
 * ```
 */
export class TransformerDecoder extends Module {
  layers: ModuleList<TransformerDecoderLayer>;
  norm: LayerNorm | null;

  constructor(decoderLayer: TransformerDecoderLayer, readonly numLayers: number, norm: LayerNorm | null = null) {
    super();
    checkNumLayers('TransformerDecoder', numLayers);
    this.layers = new ModuleList(Array.from({ length: numLayers }, () => decoderLayer.copy()));
    this.norm = norm;
  }

  forward(tgt: Tensor, memory: Tensor, options: DecoderForwardOptions = {}): Tensor {
    let x = tgt;
    for (const layer of this.layers) x = layer.forward(x, memory, options);
    return this.norm ? this.norm.forward(x) : x;
  }
}
