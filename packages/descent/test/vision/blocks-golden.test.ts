/**
 * descent/vision's blocks, Grad-CAM, saliency and NT-Xent against PyTorch 1.13 / torchvision
 * 0.14 in float64 (tools/fixtures/vision_blocks.py): each block loads the reference block's
 * state dict (torchvision's own VGG stage, BasicBlock, Bottleneck, SqueezeExcitation, InvertedResidual and
 * VisionTransformer; a transcribed depthwise-separable block), and must give the same eval
 * output, training output and gradients for the input and every parameter.
 */
import { describe, it, expect } from 'vitest';
import { Sequential, Conv2d, ReLU, AdaptiveAvgPool2d, Flatten, Linear } from '../../src/nn/index.js';
import {
  VGGBlock, BasicBlock, Bottleneck, SqueezeExcitation, DepthwiseSeparableConv, InvertedResidual, VisionTransformer,
  gradCam, saliency, ntXentLoss,
} from '../../src/vision/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';

type E = EncodedTensor;
interface BlockCase {
  name: string; kind: string; args: Record<string, number>; state: Record<string, E>; x: E; evalOutput: E;
  output: E; upstream: E; inputGrad: E; paramGrads: Record<string, E>;
}
interface Fixture {
  source: string;
  blocks: BlockCase[];
  gradcam: { state: Record<string, E>; x: E; targets: number[]; logits: E; cam: E; upsampled: E; heatmap: E; argmax: number[]; saliency: E; inputGrad: E };
  ntxent: { temperature: number; z1: E; z2: E; loss: number; grad1: E; grad2: E }[];
}
const fx = loadFixture<Fixture>('vision-blocks.json');
const TOL = { rtol: 1e-9, atol: 1e-11 };

type Block = VGGBlock | BasicBlock | Bottleneck | SqueezeExcitation | DepthwiseSeparableConv | InvertedResidual | VisionTransformer;

function build(c: BlockCase, dtype: 'float32' | 'float64' = 'float64'): Block {
  const a = c.args;
  switch (c.kind) {
    case 'VGGBlock': return new VGGBlock(a.inChannels, a.outChannels, { numConvs: a.numConvs, batchNorm: a.batchNorm === 1, dtype });
    case 'BasicBlock': return new BasicBlock(a.inChannels, a.planes, { stride: a.stride, dtype });
    case 'Bottleneck': return new Bottleneck(a.inChannels, a.planes, { stride: a.stride, dtype });
    case 'SqueezeExcitation': return new SqueezeExcitation(a.inputChannels, a.squeezeChannels, { dtype });
    case 'DepthwiseSeparableConv': return new DepthwiseSeparableConv(a.inChannels, a.outChannels, { stride: a.stride, dtype });
    case 'InvertedResidual': return new InvertedResidual(a.inChannels, a.outChannels, { stride: a.stride, expandRatio: a.expandRatio, dtype });
    case 'VisionTransformer': return new VisionTransformer({ ...a, dtype } as unknown as ConstructorParameters<typeof VisionTransformer>[0]);
    default: throw new Error(`unknown block ${c.kind}`);
  }
}

const decodeState = (s: Record<string, E>, dtype?: 'float32') =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.dtype === 'float64' && dtype ? decode(v, dtype) : decode(v)]));

describe(`vision blocks match ${fx.source}`, () => {
  for (const c of fx.blocks) {
    it(`${c.name}: eval output, train output and all gradients`, () => {
      const m = build(c);
      m.loadStateDict(decodeState(c.state));
      m.eval();
      expectClose(m.forward(decode(c.x)), c.evalOutput, TOL, 'eval output');
      m.train();
      const x = decode(c.x).requiresGrad_();
      const y = m.forward(x);
      expectClose(y, c.output, TOL, 'train output');
      y.mul(decode(c.upstream)).sum().backward();
      expectClose(x.grad!, c.inputGrad, TOL, 'input grad');
      const named = new Map(m.namedParameters());
      expect([...named.keys()].sort()).toEqual(Object.keys(c.paramGrads).sort());
      for (const [k, g] of Object.entries(c.paramGrads)) expectClose(named.get(k)!.grad!, g, TOL, `grad ${k}`);
    });
  }
  it('every block in float32 agrees with the float64 reference to float32 precision', () => {
    for (const c of fx.blocks) {
      const m = build(c, 'float32');
      m.loadStateDict(decodeState(c.state, 'float32'));
      m.eval();
      const y = m.forward(decode(c.x, 'float32'));
      expect(y.dtype).toBe('float32');
      expectClose(y, decode(c.evalOutput, 'float32'), { rtol: 1e-4, atol: 1e-5 }, `${c.name} float32`);
    }
  });
});

describe(`Grad-CAM and saliency match ${fx.source}`, () => {
  const g = fx.gradcam;
  const net = () => {
    const m = new Sequential(new Conv2d(2, 4, 3, { padding: 1, dtype: 'float64' }), new ReLU(), new Conv2d(4, 5, 3, { stride: 2, padding: 1, dtype: 'float64' }),
      new ReLU(), new AdaptiveAvgPool2d(1), new Flatten(), new Linear(5, 3, { dtype: 'float64' }));
    m.loadStateDict(decodeState(g.state));
    return m.eval();
  };
  it('gradCam: the layer map, the upsampled map and the [0, 1] heatmap', () => {
    const m = net();
    const r = gradCam(m, m[3], decode(g.x), { target: g.targets });
    expectClose(r.logits, g.logits, TOL, 'logits');
    expectClose(r.cam, g.cam, TOL, 'cam');
    expectClose(r.heatmap, g.heatmap, TOL, 'heatmap');
    expectClose(gradCam(m, m[3], decode(g.x), { target: g.targets, normalize: false }).heatmap, g.upsampled, TOL, 'upsampled');
    expect(gradCam(m, m[3], decode(g.x)).target).toEqual(g.argmax);
    for (const p of m.parameters()) expect(p.grad).toBeNull();   // no gradients left behind
  });
  it('saliency: max over channels of |d score / d input|', () => {
    const m = net();
    const r = saliency(m, decode(g.x), { target: g.targets });
    expectClose(r.grad, g.inputGrad, TOL, 'input grad');
    expectClose(r.map, g.saliency, TOL, 'saliency');
  });
  it('name bad input', () => {
    const m = net();
    expect(() => gradCam(m, new ReLU(), decode(g.x))).toThrow(/the layer never ran/);
    expect(() => gradCam(m, m[5], decode(g.x))).toThrow(/must output feature maps/);
    expect(() => saliency(m, decode(g.x), { target: 3 })).toThrow(/target 3 is not a class index in \[0, 2\]/);
    expect(() => saliency(m, decode(g.x), { target: [0] })).toThrow(/got 1 targets for 3 images/);
  });
});

describe(`NT-Xent matches a PyTorch transcription of SimCLR's loss (${fx.source})`, () => {
  for (const c of fx.ntxent) {
    it(`N = ${c.z1.shape[0]}, D = ${c.z1.shape[1]}, τ = ${c.temperature}: value and gradients`, () => {
      const z1 = decode(c.z1).requiresGrad_(), z2 = decode(c.z2).requiresGrad_();
      const loss = ntXentLoss(z1, z2, c.temperature);
      expect(loss.item()).toBeCloseTo(c.loss, 10);
      loss.backward();
      expectClose(z1.grad!, c.grad1, TOL, 'dz1');
      expectClose(z2.grad!, c.grad2, TOL, 'dz2');
    });
  }
  it('names bad input', () => {
    const z = decode(fx.ntxent[0].z1);
    expect(() => ntXentLoss(z, z.T)).toThrow(/same shape \(N, D\)/);
    expect(() => ntXentLoss(z, z, 0)).toThrow(/temperature must be a finite number > 0/);
    expect(() => ntXentLoss(z.narrow(0, 0, 1), z.narrow(0, 0, 1))).toThrow(/at least 2 images/);
  });
});
