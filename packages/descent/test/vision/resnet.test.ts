/**
 * The small ResNet and the transfer-learning helpers: shapes, torchvision-style names, and a
 * fine-tuning step that moves only the new head.
 */
import { describe, it, expect } from 'vitest';
import { randn, manualSeed } from '../../src/tensor/index.js';
import { Linear, F } from '../../src/nn/index.js';
import { SGD } from '../../src/optim/index.js';
import { ResNet, freeze, trainableParameters } from '../../src/vision/index.js';

describe('ResNet and transfer learning', () => {
  it('stages halve the resolution; features feed the head', () => {
    manualSeed(1);
    const net = new ResNet({ inChannels: 1, widths: [4, 8, 8], blocksPerStage: 2, numClasses: 3 });
    expect(net.forward(randn([2, 1, 8, 8])).shape).toEqual([2, 3]);
    expect(net.features(randn([2, 1, 8, 8])).shape).toEqual([2, 8]);
    expect(net.layers.length).toBe(6);
    const names = net.namedParameters().map(([k]) => k);
    expect(names).toContain('layers.2.downsample.0.weight');   // stage 2 starts with a stride-2 projection
    expect(names).not.toContain('layers.1.downsample.0.weight');
    expect(new ResNet({ inChannels: 1, widths: [4], numClasses: 0 }).forward(randn([2, 1, 6, 6])).shape).toEqual([2, 4]);
  });
  it('freeze, replace the head, fine-tune: only the head moves', () => {
    manualSeed(2);
    const net = new ResNet({ inChannels: 1, widths: [4, 8], numClasses: 5 });
    const before = net.conv1.weight.toTypedArray().slice();
    freeze(net).eval();
    net.fc = new Linear(net.numFeatures, 2);
    const train = trainableParameters(net);
    expect(train).toEqual([net.fc.weight, net.fc.bias]);
    const opt = new SGD(train, { lr: 0.5 });
    const x = randn([6, 1, 8, 8]), y = [0, 1, 0, 1, 0, 1];
    const head = net.fc.weight.toTypedArray().slice();
    const loss = F.crossEntropy(net.forward(x), y);
    opt.zeroGrad(); loss.backward(); opt.step();
    expect(net.conv1.weight.grad).toBeNull();
    expect(Array.from(net.conv1.weight.toTypedArray())).toEqual(Array.from(before));
    expect(Array.from(net.fc.weight.toTypedArray())).not.toEqual(Array.from(head));
    freeze(net, false);
    expect(trainableParameters(net).length).toBe(net.parameters().length);
  });
  it('names bad options', () => {
    expect(() => new ResNet({ widths: [], numClasses: 2 })).toThrow(/ResNet: widths must be a non-empty list/);
    expect(() => new ResNet({ numClasses: -1 })).toThrow(/numClasses must be an integer >= 0/);
    expect(() => new ResNet({ numClasses: 2 }).forward(randn([3, 8, 8]))).toThrow(/expected images \(N, C, H, W\)/);
  });
});
