/**
 * A small ResNet for small images, and the helpers of transfer learning: freeze a trained
 * backbone, replace its head, fine-tune.
 *
 * ```ts
 * const net = new ResNet({ inChannels: 1, widths: [8, 16], numClasses: 10 });
 * net.forward(randn([4, 1, 8, 8])).shape;      // [4, 10]
 * freeze(net);                                 // the backbone stops learning…
 * net.fc = new Linear(net.numFeatures, 3);     // …and a new head (trainable) replaces the old one
 * trainableParameters(net).length;             // 2: the new head's weight and bias
 * ```
 */
import type { Tensor, DType } from '../tensor/index.js';
import { Module, type Parameter } from '../nn/module.js';
import { Conv2d, adaptiveAvgPool2d } from '../nn/layers/conv.js';
import { BatchNorm2d } from '../nn/layers/batch-norm.js';
import { Linear } from '../nn/layers/linear.js';
import { Sequential } from '../nn/layers/container.js';
import { ReLU } from '../nn/layers/activation.js';
import { BasicBlock } from './blocks.js';
import { fmtShape } from '../tensor/shape.js';

export interface ResNetOptions {
  /** Image channels (default 3). */
  inChannels?: number;
  /** Channels of each stage (default [16, 32, 64]); every stage after the first halves the resolution. */
  widths?: number[];
  /** BasicBlocks per stage (default 1). */
  blocksPerStage?: number;
  /** Classes of the linear head (0: no head, forward returns the pooled features). */
  numClasses: number;
  dtype?: DType;
}

/**
 * He et al. 2016's ResNet, shrunk for 8×8 to 32×32 images as in their CIFAR experiments (§4.2):
 * a 3×3 stem (no 7×7 convolution or max pool), stages of BasicBlocks, global average pooling
 * and a linear head `fc`. Child names follow torchvision (`conv1`, `bn1`, `layer1.0.conv1`,
 * `fc`).
 */
export class ResNet extends Module {
  conv1: Conv2d;
  bn1: BatchNorm2d;
  relu = new ReLU();
  layers: Sequential;
  fc: Linear | null;
  /** Width of the pooled features, the head's input. */
  readonly numFeatures: number;

  constructor(readonly options: ResNetOptions) {
    super();
    const widths = options.widths ?? [16, 32, 64];
    const per = options.blocksPerStage ?? 1;
    const inC = options.inChannels ?? 3, dtype = options.dtype;
    if (widths.length < 1 || widths.some((w) => !Number.isInteger(w) || w < 1)) throw new RangeError(`ResNet: widths must be a non-empty list of positive integers, got ${JSON.stringify(widths)}`);
    if (!Number.isInteger(per) || per < 1) throw new RangeError(`ResNet: blocksPerStage must be a positive integer, got ${per}`);
    if (!Number.isInteger(options.numClasses) || options.numClasses < 0) throw new RangeError(`ResNet: numClasses must be an integer >= 0, got ${options.numClasses}`);
    this.conv1 = new Conv2d(inC, widths[0], 3, { padding: 1, bias: false, dtype });
    this.bn1 = new BatchNorm2d(widths[0], { dtype });
    const blocks: BasicBlock[] = [];
    let c = widths[0];
    widths.forEach((w, s) => {
      for (let b = 0; b < per; b++) {
        blocks.push(new BasicBlock(c, w, { stride: s > 0 && b === 0 ? 2 : 1, dtype }));
        c = w;
      }
    });
    this.layers = new Sequential(...blocks);
    this.numFeatures = c;
    this.fc = options.numClasses > 0 ? new Linear(c, options.numClasses, { dtype }) : null;
  }

  /** The globally pooled features (N, numFeatures) that the head reads. */
  features(x: Tensor): Tensor {
    if (x.ndim !== 4) throw new RangeError(`ResNet: expected images (N, C, H, W), got ${fmtShape(x.shape)}`);
    const h = this.layers.forward(this.relu.forward(this.bn1.forward(this.conv1.forward(x))));   // (N, C, h, w)
    return adaptiveAvgPool2d(h, 1).flatten(1);                                                    // (N, C)
  }

  forward(x: Tensor): Tensor {
    const f = this.features(x);
    return this.fc ? this.fc.forward(f) : f;
  }
}

/**
 * Stops (or, with `frozen = false`, restarts) gradient flow into every parameter of `module`:
 * PyTorch's `module.requires_grad_(False)`. Frozen parameters get no `.grad`, so optimizers
 * skip them. Batch norm still updates its running statistics in training mode; call
 * `module.eval()` on a frozen backbone to keep them too.
 */
export function freeze(module: Module, frozen = true): Module {
  for (const p of module.parameters()) p.requiresGrad = !frozen;
  return module;
}

/** The parameters that still learn (those with requiresGrad), to hand to an optimizer. */
export function trainableParameters(module: Module): Parameter[] {
  return module.parameters().filter((p) => p.requiresGrad);
}
