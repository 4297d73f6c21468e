/**
 * A small vision transformer (Dosovitskiy et al. 2021, "An Image is Worth 16x16 Words",
 * ICLR, arXiv:2010.11929, eq. 1–4): the image is cut into P×P patches, each patch is
 * projected linearly to a D-dimensional token, a learned class token is prepended, learned
 * position embeddings are added, and a stack of pre-norm transformer encoder layers (descent/nn's
 * TransformerEncoderLayer with normFirst and GELU) mixes the tokens; the class token's final
 * state, layer-normed, feeds a linear head.
 *
 * The arithmetic is torchvision.models.VisionTransformer's (LayerNorm eps 1e-6, class token
 * first, position embeddings over class token and patches), which test/vision/blocks-golden.test.ts
 * checks by loading a torchvision model's weights.
 */
import { Tensor, concat, zeros, randn, type DType } from '../tensor/index.js';
import { Module, Parameter } from '../nn/module.js';
import { Conv2d } from '../nn/layers/conv.js';
import { Linear } from '../nn/layers/linear.js';
import { LayerNorm } from '../nn/layers/layer-norm.js';
import { Dropout } from '../nn/layers/dropout.js';
import { TransformerEncoder, TransformerEncoderLayer } from '../nn/layers/transformer.js';
import { fmtShape } from '../tensor/shape.js';

/**
 * Cuts (N, C, H, W) images into non-overlapping P×P patches and projects each to `embedDim`,
 * giving tokens (N, (H/P)·(W/P), embedDim) in row-major patch order. A linear map of each
 * flattened patch is exactly a convolution with kernel and stride P, which is how it is done.
 *
 * ```ts
 * const embed = new PatchEmbedding(1, 16, 4);
 * embed.forward(randn([2, 1, 8, 8])).shape;   // [2, 4, 16]: four 4×4 patches
 * ```
 */
export class PatchEmbedding extends Module {
  proj: Conv2d;

  constructor(readonly inChannels: number, readonly embedDim: number, readonly patchSize: number, options: { dtype?: DType } = {}) {
    super();
    for (const [k, v] of [['inChannels', inChannels], ['embedDim', embedDim], ['patchSize', patchSize]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`PatchEmbedding: ${k} must be a positive integer, got ${v}`);
    }
    this.proj = new Conv2d(inChannels, embedDim, patchSize, { stride: patchSize, dtype: options.dtype });
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 4 || x.shape[1] !== this.inChannels) {
      throw new RangeError(`PatchEmbedding: expected images (N, ${this.inChannels}, H, W), got ${fmtShape(x.shape)}`);
    }
    const [, , H, W] = x.shape;
    const P = this.patchSize;
    if (H % P !== 0 || W % P !== 0) throw new RangeError(`PatchEmbedding: the ${H}×${W} image does not divide into ${P}×${P} patches; resize or crop it to a multiple of ${P}`);
    const y = this.proj.forward(x);                          // (N, D, H/P, W/P)
    return y.flatten(2).transpose(1, 2);                      // (N, D, S) -> (N, S, D)
  }
}

export interface VisionTransformerOptions {
  imageSize: number;
  patchSize: number;
  /** Image channels (default 3). */
  inChannels?: number;
  numLayers: number;
  numHeads: number;
  /** Token width D. */
  hiddenDim: number;
  /** Width of each encoder layer's feed-forward block. */
  mlpDim: number;
  /** Output classes of the head; 0 for no head (forward then returns the features). */
  numClasses: number;
  /** Dropout after the position embeddings and inside the encoder (default 0). */
  dropout?: number;
  dtype?: DType;
}

/**
 * A vision transformer for small square images.
 *
 * ```ts
 * const vit = new VisionTransformer({ imageSize: 8, patchSize: 4, inChannels: 1, numLayers: 2, numHeads: 2, hiddenDim: 16, mlpDim: 32, numClasses: 10 });
 * vit.forward(randn([3, 1, 8, 8])).shape;    // [3, 10]
 * vit.features(randn([3, 1, 8, 8])).shape;   // [3, 16]: the class token's final state
 * ```
 */
export class VisionTransformer extends Module {
  patch_embed: PatchEmbedding;
  cls_token: Parameter;
  pos_embed: Parameter;
  pos_drop: Dropout;
  encoder: TransformerEncoder;
  norm: LayerNorm;
  head: Linear | null;
  readonly numPatches: number;

  constructor(readonly options: VisionTransformerOptions) {
    super();
    const o = options;
    for (const k of ['imageSize', 'patchSize', 'numLayers', 'numHeads', 'hiddenDim', 'mlpDim'] as const) {
      if (!Number.isInteger(o[k]) || o[k] < 1) throw new RangeError(`VisionTransformer: ${k} must be a positive integer, got ${o[k]}`);
    }
    if (!Number.isInteger(o.numClasses) || o.numClasses < 0) throw new RangeError(`VisionTransformer: numClasses must be an integer >= 0, got ${o.numClasses}`);
    if (o.imageSize % o.patchSize !== 0) throw new RangeError(`VisionTransformer: imageSize (${o.imageSize}) must be a multiple of patchSize (${o.patchSize})`);
    if (o.hiddenDim % o.numHeads !== 0) throw new RangeError(`VisionTransformer: hiddenDim (${o.hiddenDim}) must be divisible by numHeads (${o.numHeads})`);
    const dtype = o.dtype ?? 'float32', D = o.hiddenDim, dropout = o.dropout ?? 0;
    this.numPatches = (o.imageSize / o.patchSize) ** 2;
    this.patch_embed = new PatchEmbedding(o.inChannels ?? 3, D, o.patchSize, { dtype });
    // torchvision's initialization: a zero class token, position embeddings N(0, 0.02²).
    this.cls_token = new Parameter(zeros([1, 1, D], { dtype }));
    this.pos_embed = new Parameter(randn([1, this.numPatches + 1, D], { dtype }).mul(0.02));
    this.pos_drop = new Dropout(dropout);
    const layer = new TransformerEncoderLayer(D, o.numHeads, {
      dimFeedforward: o.mlpDim, dropout, activation: 'gelu', layerNormEps: 1e-6, batchFirst: true, normFirst: true, dtype,
    });
    this.encoder = new TransformerEncoder(layer, o.numLayers);
    this.norm = new LayerNorm(D, { eps: 1e-6, dtype });
    this.head = o.numClasses > 0 ? new Linear(D, o.numClasses, { dtype }) : null;
  }

  /** The layer-normed final class token (N, hiddenDim): the image's representation. */
  features(x: Tensor): Tensor {
    const s = this.options.imageSize;
    if (x.ndim !== 4 || x.shape[2] !== s || x.shape[3] !== s) {
      throw new RangeError(`VisionTransformer: expected images (N, C, ${s}, ${s}), got ${x instanceof Tensor ? fmtShape(x.shape) : typeof x}`);
    }
    const N = x.shape[0];
    const tokens = this.patch_embed.forward(x);                                   // (N, S, D)
    const cls = this.cls_token.expand([N, 1, this.options.hiddenDim]);            // (N, 1, D)
    let h = concat([cls, tokens], 1).add(this.pos_embed);                         // (N, S+1, D)
    h = this.encoder.forward(this.pos_drop.forward(h));
    return this.norm.forward(h.select(1, 0));                                     // (N, D)
  }

  forward(x: Tensor): Tensor {
    const f = this.features(x);
    return this.head ? this.head.forward(f) : f;
  }
}
