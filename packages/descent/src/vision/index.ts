/**
 * `descent/vision`: image augmentation, convolutional and transformer blocks, saliency maps
 * and contrastive learning, on `descent/nn`.
 *
 * ```ts
 * import { compose, RandomCrop, RandomHorizontalFlip, TF } from 'descent/vision';
 * const augment = compose([new RandomCrop(8, { padding: 1 }), new RandomHorizontalFlip()]);
 * const xb = augment.apply(images, new Generator(0));   // each image its own crop and flip
 * TF.rotate(image, 30);                                 // deterministic ops, torchvision's names
 * ```
 */
export * as TF from './functional.js';
export {
  compose, RandomHorizontalFlip, RandomVerticalFlip, RandomCrop, RandomRotation, ColorJitter, Cutout, RandomErasing,
  Normalize, type Transform, type TransformLike, type ColorJitterOptions, type RandomErasingOptions,
} from './transforms.js';
export { mixup, cutmix, type MixOptions, type MixResult } from './mix.js';
export {
  VGGBlock, BasicBlock, Bottleneck, SqueezeExcitation, DepthwiseSeparableConv, InvertedResidual, ReLU6, type BlockOptions,
} from './blocks.js';
export { PatchEmbedding, VisionTransformer, type VisionTransformerOptions } from './vit.js';
export { gradCam, saliency, type ExplainOptions, type GradCamResult } from './explain.js';
export { ntXentLoss } from './contrastive.js';
export { ResNet, freeze, trainableParameters, type ResNetOptions } from './resnet.js';
