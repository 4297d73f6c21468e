/**
 * Convolutional building blocks of modern image networks, as `descent/nn` modules. Child
 * names follow torchvision (`conv1`, `bn1`, `downsample.0`, `fc1`, `conv.0.0`…), so a
 * torchvision state dict of the same block loads one to one; test/vision/blocks-golden.test.ts
 * does exactly that and compares outputs and gradients in float64.
 *
 * Shapes: every block maps (N, Cin, H, W) to (N, Cout, H/stride, W/stride).
 */
import type { Tensor, DType } from '../tensor/index.js';
import { Module } from '../nn/module.js';
import { Conv2d, MaxPool2d } from '../nn/layers/conv.js';
import { BatchNorm2d } from '../nn/layers/batch-norm.js';
import { Sequential } from '../nn/layers/container.js';
import { Hardtanh, ReLU } from '../nn/layers/activation.js';
import { adaptiveAvgPool2d } from '../nn/layers/conv.js';

export interface BlockOptions {
  /** Stride of the block's spatial convolution (default 1); 2 halves height and width. */
  stride?: number;
  dtype?: DType;
}

function positiveInt(block: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${block}: ${name} must be a positive integer, got ${v}`);
}

function strideOf(block: string, options: BlockOptions): number {
  const s = options.stride ?? 1;
  positiveInt(block, 'stride', s);
  return s;
}

/**
 * The projection shortcut of He et al. 2016 (option B): a strided 1×1 convolution and batch
 * norm, used when the residual branch changes the channel count or the resolution, so the two
 * branches can be added; null (the identity) otherwise.
 */
function projection(inChannels: number, outChannels: number, stride: number, dtype: DType | undefined): Sequential | null {
  if (stride === 1 && inChannels === outChannels) return null;
  return new Sequential(new Conv2d(inChannels, outChannels, 1, { stride, bias: false, dtype }), new BatchNorm2d(outChannels, { dtype }));
}

/**
 * A VGG stage (Simonyan & Zisserman 2015, "Very Deep Convolutional Networks", table 1):
 * `numConvs` 3×3 convolutions (padding 1) each followed by batch norm (optional, as in VGG-BN)
 * and ReLU, then 2×2 max pooling, which halves the resolution. Laid out as torchvision's
 * `vgg.make_layers` lays out one stage, so the state-dict keys (`0.weight`, `1.running_mean`…)
 * match.
 *
 * ```ts
 * const stage = new VGGBlock(3, 16, { numConvs: 2 });
 * stage.forward(randn([2, 3, 8, 8])).shape;   // [2, 16, 4, 4]
 * ```
 */
export class VGGBlock extends Sequential {
  constructor(inChannels: number, outChannels: number, options: { numConvs?: number; batchNorm?: boolean; dtype?: DType } = {}) {
    positiveInt('VGGBlock', 'inChannels', inChannels);
    positiveInt('VGGBlock', 'outChannels', outChannels);
    const n = options.numConvs ?? 2, dtype = options.dtype;
    positiveInt('VGGBlock', 'numConvs', n);
    const layers: Module[] = [];
    for (let i = 0; i < n; i++) {
      layers.push(new Conv2d(i === 0 ? inChannels : outChannels, outChannels, 3, { padding: 1, dtype }));
      if (options.batchNorm ?? true) layers.push(new BatchNorm2d(outChannels, { dtype }));
      layers.push(new ReLU());
    }
    super(...layers, new MaxPool2d(2));
  }
}

/**
 * ResNet's basic block (He et al. 2016, "Deep Residual Learning for Image Recognition",
 * fig. 2): relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), two 3×3 convolutions, the
 * first carrying the stride. torchvision.models.resnet.BasicBlock.
 *
 * ```ts
 * const block = new BasicBlock(16, 32, { stride: 2 });   // with a projection shortcut
 * block.forward(randn([2, 16, 8, 8])).shape;            // [2, 32, 4, 4]
 * ```
 */
export class BasicBlock extends Module {
  static readonly expansion = 1;
  conv1: Conv2d; bn1: BatchNorm2d; relu = new ReLU();
  conv2: Conv2d; bn2: BatchNorm2d;
  downsample: Sequential | null;

  constructor(readonly inChannels: number, readonly planes: number, options: BlockOptions = {}) {
    super();
    positiveInt('BasicBlock', 'inChannels', inChannels);
    positiveInt('BasicBlock', 'planes', planes);
    const stride = strideOf('BasicBlock', options), dtype = options.dtype;
    this.conv1 = new Conv2d(inChannels, planes, 3, { stride, padding: 1, bias: false, dtype });
    this.bn1 = new BatchNorm2d(planes, { dtype });
    this.conv2 = new Conv2d(planes, planes, 3, { padding: 1, bias: false, dtype });
    this.bn2 = new BatchNorm2d(planes, { dtype });
    this.downsample = projection(inChannels, planes, stride, dtype);
  }

  forward(x: Tensor): Tensor {
    const out = this.bn2.forward(this.conv2.forward(this.relu.forward(this.bn1.forward(this.conv1.forward(x)))));
    const identity = this.downsample ? this.downsample.forward(x) : x;
    return this.relu.forward(out.add(identity));
  }
}

/**
 * ResNet's bottleneck block (He et al. 2016, fig. 5): 1×1 down to `planes` channels, 3×3
 * (with the stride, as torchvision's "ResNet v1.5"), 1×1 up to planes·4, each with batch
 * norm, plus the shortcut, then ReLU. torchvision.models.resnet.Bottleneck.
 *
 * ```ts
 * const block = new Bottleneck(64, 16);           // 64 → 16 → 16 → 64 channels, identity shortcut
 * block.forward(randn([2, 64, 4, 4])).shape;     // [2, 64, 4, 4]
 * ```
 */
export class Bottleneck extends Module {
  static readonly expansion = 4;
  conv1: Conv2d; bn1: BatchNorm2d;
  conv2: Conv2d; bn2: BatchNorm2d;
  conv3: Conv2d; bn3: BatchNorm2d;
  relu = new ReLU();
  downsample: Sequential | null;

  constructor(readonly inChannels: number, readonly planes: number, options: BlockOptions = {}) {
    super();
    positiveInt('Bottleneck', 'inChannels', inChannels);
    positiveInt('Bottleneck', 'planes', planes);
    const stride = strideOf('Bottleneck', options), dtype = options.dtype;
    const out = planes * Bottleneck.expansion;
    this.conv1 = new Conv2d(inChannels, planes, 1, { bias: false, dtype });
    this.bn1 = new BatchNorm2d(planes, { dtype });
    this.conv2 = new Conv2d(planes, planes, 3, { stride, padding: 1, bias: false, dtype });
    this.bn2 = new BatchNorm2d(planes, { dtype });
    this.conv3 = new Conv2d(planes, out, 1, { bias: false, dtype });
    this.bn3 = new BatchNorm2d(out, { dtype });
    this.downsample = projection(inChannels, out, stride, dtype);
  }

  forward(x: Tensor): Tensor {
    let out = this.relu.forward(this.bn1.forward(this.conv1.forward(x)));
    out = this.relu.forward(this.bn2.forward(this.conv2.forward(out)));
    out = this.bn3.forward(this.conv3.forward(out));
    const identity = this.downsample ? this.downsample.forward(x) : x;
    return this.relu.forward(out.add(identity));
  }
}

/**
 * Squeeze-and-excitation (Hu et al. 2018, CVPR, arXiv:1709.01507, fig. 2): each channel is
 * rescaled by a gate in (0, 1) computed from all channels' global averages,
 * x · sigmoid(fc2(relu(fc1(avgpool(x))))), with 1×1 convolutions for the two layers as
 * torchvision.ops.SqueezeExcitation.
 *
 * ```ts
 * const se = new SqueezeExcitation(16, 4);     // 16 channels squeezed to 4
 * se.forward(randn([2, 16, 5, 5])).shape;     // [2, 16, 5, 5]
 * ```
 */
export class SqueezeExcitation extends Module {
  fc1: Conv2d;
  fc2: Conv2d;

  constructor(readonly inputChannels: number, readonly squeezeChannels: number, options: { dtype?: DType } = {}) {
    super();
    positiveInt('SqueezeExcitation', 'inputChannels', inputChannels);
    positiveInt('SqueezeExcitation', 'squeezeChannels', squeezeChannels);
    this.fc1 = new Conv2d(inputChannels, squeezeChannels, 1, { dtype: options.dtype });
    this.fc2 = new Conv2d(squeezeChannels, inputChannels, 1, { dtype: options.dtype });
  }

  /** The per-channel gates (N, C, 1, 1). */
  scale(x: Tensor): Tensor {
    return this.fc2.forward(this.fc1.forward(adaptiveAvgPool2d(x, 1)).relu()).sigmoid();
  }

  forward(x: Tensor): Tensor {
    return x.mul(this.scale(x));
  }
}

/**
 * Depthwise-separable convolution (MobileNet, Howard et al. 2017, arXiv:1704.04861, fig. 3):
 * a 3×3 depthwise convolution (groups = channels: one filter per channel) with batch norm and
 * ReLU, then a 1×1 pointwise convolution mixing channels, with batch norm and ReLU. It costs
 * 9·C + C·Cout multiplies per pixel instead of a full 3×3 convolution's 9·C·Cout.
 *
 * ```ts
 * const block = new DepthwiseSeparableConv(8, 16, { stride: 2 });
 * block.forward(randn([2, 8, 6, 6])).shape;   // [2, 16, 3, 3]
 * ```
 */
export class DepthwiseSeparableConv extends Module {
  depthwise: Conv2d; bn1: BatchNorm2d;
  pointwise: Conv2d; bn2: BatchNorm2d;

  constructor(readonly inChannels: number, readonly outChannels: number, options: BlockOptions = {}) {
    super();
    positiveInt('DepthwiseSeparableConv', 'inChannels', inChannels);
    positiveInt('DepthwiseSeparableConv', 'outChannels', outChannels);
    const stride = strideOf('DepthwiseSeparableConv', options), dtype = options.dtype;
    this.depthwise = new Conv2d(inChannels, inChannels, 3, { stride, padding: 1, groups: inChannels, bias: false, dtype });
    this.bn1 = new BatchNorm2d(inChannels, { dtype });
    this.pointwise = new Conv2d(inChannels, outChannels, 1, { bias: false, dtype });
    this.bn2 = new BatchNorm2d(outChannels, { dtype });
  }

  forward(x: Tensor): Tensor {
    const h = this.bn1.forward(this.depthwise.forward(x)).relu();
    return this.bn2.forward(this.pointwise.forward(h)).relu();
  }
}

/** ReLU6 = min(max(x, 0), 6), MobileNet's activation (a Hardtanh between 0 and 6). */
export class ReLU6 extends Hardtanh {
  constructor() { super(0, 6); }
  protected override extraRepr(): string { return ''; }
}

/** conv → batch norm → ReLU6 as one Sequential (torchvision's Conv2dNormActivation). */
function convBNReLU6(inC: number, outC: number, kernel: number, stride: number, groups: number, dtype: DType | undefined): Sequential {
  return new Sequential(
    new Conv2d(inC, outC, kernel, { stride, padding: (kernel - 1) / 2, groups, bias: false, dtype }),
    new BatchNorm2d(outC, { dtype }),
    new ReLU6(),
  );
}

/**
 * MobileNetV2's inverted residual (Sandler et al. 2018, arXiv:1801.04381, table 1): expand
 * the channels by `expandRatio` with a 1×1 convolution, filter with a 3×3 depthwise one (the
 * stride), project back down with a linear 1×1 (no activation: the "linear bottleneck"), and
 * add the input when stride is 1 and the channels match. torchvision.models.mobilenetv2's
 * InvertedResidual, with the same child names (`conv.0.0.weight`…).
 *
 * ```ts
 * const block = new InvertedResidual(8, 8, { expandRatio: 4 });   // residual: 8 → 32 → 32 → 8
 * block.forward(randn([2, 8, 5, 5])).shape;                       // [2, 8, 5, 5]
 * ```
 */
export class InvertedResidual extends Module {
  conv: Sequential;
  readonly useResidual: boolean;

  constructor(readonly inChannels: number, readonly outChannels: number, options: BlockOptions & { expandRatio?: number } = {}) {
    super();
    positiveInt('InvertedResidual', 'inChannels', inChannels);
    positiveInt('InvertedResidual', 'outChannels', outChannels);
    const stride = strideOf('InvertedResidual', options), dtype = options.dtype;
    if (stride !== 1 && stride !== 2) throw new RangeError(`InvertedResidual: stride must be 1 or 2, got ${stride}`);
    const ratio = options.expandRatio ?? 6;
    if (!(ratio >= 1)) throw new RangeError(`InvertedResidual: expandRatio must be a number >= 1, got ${ratio}`);
    const hidden = Math.round(inChannels * ratio);
    const layers: Module[] = ratio !== 1 ? [convBNReLU6(inChannels, hidden, 1, 1, 1, dtype)] : [];
    layers.push(
      convBNReLU6(hidden, hidden, 3, stride, hidden, dtype),
      new Conv2d(hidden, outChannels, 1, { bias: false, dtype }),
      new BatchNorm2d(outChannels, { dtype }),
    );
    this.conv = new Sequential(...layers);
    this.useResidual = stride === 1 && inChannels === outChannels;
  }

  forward(x: Tensor): Tensor {
    const y = this.conv.forward(x);
    return this.useResidual ? x.add(y) : y;
  }
}
