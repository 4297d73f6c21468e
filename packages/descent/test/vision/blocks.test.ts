/**
 * Shapes, parameter counts and error messages of descent/vision's blocks in their default
 * float32 (the values are checked against torchvision in blocks-golden.test.ts).
 */
import { describe, it, expect } from 'vitest';
import { randn, manualSeed } from '../../src/tensor/index.js';
import { Conv2d } from '../../src/nn/index.js';
import {
  VGGBlock, BasicBlock, Bottleneck, SqueezeExcitation, DepthwiseSeparableConv, InvertedResidual, PatchEmbedding, VisionTransformer,
} from '../../src/vision/index.js';

const count = (m: { parameters(): { size: number }[] }) => m.parameters().reduce((s, p) => s + p.size, 0);

describe('vision blocks', () => {
  it('map (N, Cin, H, W) to (N, Cout, H/stride, W/stride)', () => {
    manualSeed(0);
    const x = randn([2, 8, 6, 6]);
    expect(new VGGBlock(8, 4).forward(x).shape).toEqual([2, 4, 3, 3]);
    expect(new BasicBlock(8, 8).forward(x).shape).toEqual([2, 8, 6, 6]);
    expect(new BasicBlock(8, 16, { stride: 2 }).forward(x).shape).toEqual([2, 16, 3, 3]);
    expect(new Bottleneck(8, 2).forward(x).shape).toEqual([2, 8, 6, 6]);
    expect(new Bottleneck(8, 4, { stride: 2 }).forward(x).shape).toEqual([2, 16, 3, 3]);
    expect(new SqueezeExcitation(8, 2).forward(x).shape).toEqual([2, 8, 6, 6]);
    expect(new DepthwiseSeparableConv(8, 12, { stride: 2 }).forward(x).shape).toEqual([2, 12, 3, 3]);
    expect(new InvertedResidual(8, 8).forward(x).shape).toEqual([2, 8, 6, 6]);
    expect(new InvertedResidual(8, 4, { stride: 2 }).forward(x).shape).toEqual([2, 4, 3, 3]);
  });
  it('add a projection shortcut only when the shape changes, and the residual only when it does not', () => {
    expect(new BasicBlock(8, 8).downsample).toBeNull();
    expect(new BasicBlock(8, 8, { stride: 2 }).downsample).not.toBeNull();
    expect(new Bottleneck(16, 4).downsample).toBeNull();
    expect(new Bottleneck(8, 4).downsample).not.toBeNull();
    expect(new InvertedResidual(8, 8).useResidual).toBe(true);
    expect(new InvertedResidual(8, 8, { stride: 2 }).useResidual).toBe(false);
  });
  it('a depthwise-separable block costs far fewer weights than a full 3×3 convolution', () => {
    const sep = new DepthwiseSeparableConv(32, 64);
    expect(sep.depthwise.weight.shape).toEqual([32, 1, 3, 3]);
    expect(count(sep)).toBe(32 * 9 + 32 * 64 + 2 * (32 + 64));
    expect(count(new Conv2d(32, 64, 3, { bias: false }))).toBe(32 * 64 * 9);
  });
  it('squeeze-and-excitation gates lie in (0, 1)', () => {
    const g = new SqueezeExcitation(6, 2).scale(randn([3, 6, 4, 4])).toTypedArray();
    expect(g.length).toBe(18);
    expect(g.every((v) => v > 0 && v < 1)).toBe(true);
  });
  it('the vision transformer embeds patches, prepends a class token and returns features or logits', () => {
    expect(new PatchEmbedding(1, 16, 4).forward(randn([2, 1, 8, 8])).shape).toEqual([2, 4, 16]);
    const o = { imageSize: 8, patchSize: 4, inChannels: 1, numLayers: 1, numHeads: 2, hiddenDim: 8, mlpDim: 16, numClasses: 5 };
    const vit = new VisionTransformer(o);
    expect(vit.numPatches).toBe(4);
    expect(vit.pos_embed.shape).toEqual([1, 5, 8]);
    expect(vit.forward(randn([3, 1, 8, 8])).shape).toEqual([3, 5]);
    expect(vit.features(randn([3, 1, 8, 8])).shape).toEqual([3, 8]);
    expect(new VisionTransformer({ ...o, numClasses: 0 }).forward(randn([2, 1, 8, 8])).shape).toEqual([2, 8]);
  });
  it('name bad arguments', () => {
    expect(() => new VGGBlock(3, 4, { numConvs: 0 })).toThrow(/VGGBlock: numConvs must be a positive integer/);
    expect(() => new BasicBlock(0, 4)).toThrow(/BasicBlock: inChannels must be a positive integer, got 0/);
    expect(() => new Bottleneck(4, 4, { stride: 1.5 })).toThrow(/Bottleneck: stride must be a positive integer/);
    expect(() => new InvertedResidual(4, 4, { stride: 3 })).toThrow(/InvertedResidual: stride must be 1 or 2/);
    expect(() => new InvertedResidual(4, 4, { expandRatio: 0.5 })).toThrow(/expandRatio must be a number >= 1/);
    const o = { imageSize: 8, patchSize: 3, numLayers: 1, numHeads: 2, hiddenDim: 8, mlpDim: 16, numClasses: 5 };
    expect(() => new VisionTransformer(o)).toThrow(/imageSize \(8\) must be a multiple of patchSize \(3\)/);
    expect(() => new VisionTransformer({ ...o, patchSize: 4, numHeads: 3 })).toThrow(/divisible by numHeads/);
    expect(() => new VisionTransformer({ ...o, patchSize: 4 }).forward(randn([1, 3, 4, 4]))).toThrow(/expected images \(N, C, 8, 8\)/);
    expect(() => new PatchEmbedding(1, 4, 3).forward(randn([1, 1, 8, 8]))).toThrow(/does not divide into 3×3 patches/);
  });
});
