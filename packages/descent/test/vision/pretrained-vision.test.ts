/**
 * The weights lesson 26 starts from (loadPretrained('vision-26'), written by
 * tools/train/vision_26.ts) load into descent/vision modules and reproduce the accuracies the
 * script recorded in the file's meta: the ResNet backbone on the shipped Fashion-MNIST test
 * images of classes 0–4, and the SimCLR encoder under the script's linear probe on held-out
 * digits. A change in a layer's numerics, a state-dict name or the probe shows up here.
 */
import { describe, expect, it } from 'vitest';
import { loadDigits, loadFashionMnistSubset, loadPretrained } from '../../src/datasets/index.js';
import { AdaptiveAvgPool2d, AvgPool2d, BatchNorm2d, Conv2d, Flatten, loadState, ReLU, Sequential, type StateDict } from '../../src/nn/index.js';
import { manualSeed, noGrad, tensor } from '../../src/tensor/index.js';
import { LogisticRegression } from '../../src/learn/index.js';
import { BasicBlock, ResNet } from '../../src/vision/index.js';

const part = (state: StateDict, prefix: string): StateDict => Object.fromEntries(
  Object.entries(state).filter(([k]) => k.startsWith(`${prefix}.`)).map(([k, v]) => [k.slice(prefix.length + 1), v]));

describe("loadPretrained('vision-26')", () => {
  const { state, meta } = loadState(loadPretrained('vision-26'));

  it('the backbone reproduces its accuracy on the test images of Fashion-MNIST classes 0–4', () => {
    const recorded = (meta as { backbone: { testAccuracy: number; testImages: number } }).backbone;
    const test = loadFashionMnistSubset({ split: 'test' });
    const labels = Array.from(test.labels.toTypedArray(), Number);
    const idx = labels.map((l, i) => (l < 5 ? i : -1)).filter((i) => i >= 0);
    const X = new AvgPool2d(2).forward(test.images.indexSelect(0, tensor(idx, { dtype: 'int32' })));   // (100, 1, 14, 14)
    const y = tensor(idx.map((i) => labels[i]), { dtype: 'int32' });
    const net = new ResNet({ inChannels: 1, widths: [16, 32], numClasses: 5 });
    net.loadStateDict(part(state, 'backbone'));
    net.eval();
    const acc = noGrad(() => net.forward(X).argmax(1).eq(y).astype('float32').mean().item());
    expect(recorded.testImages).toBe(idx.length);
    // One image is 1/100 of the accuracy; float rounding may flip at most a borderline one.
    expect(Math.abs(acc - recorded.testAccuracy)).toBeLessThanOrEqual(1.01 / 100);
    expect(recorded.testAccuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('the SimCLR encoder reproduces its linear-probe accuracy on held-out digits', () => {
    const recorded = (meta as { simclr: { probeAccuracy: number; randomEncoderProbeAccuracy: number } }).simclr;
    const d = loadDigits();
    const X = tensor(d.images).div(16).unsqueeze(1);
    const nTrain = 1200;
    manualSeed(0);
    const enc = new Sequential(new Conv2d(1, 16, 3, { padding: 1, bias: false }), new BatchNorm2d(16), new ReLU(),
      new BasicBlock(16, 32, { stride: 2 }), new AdaptiveAvgPool2d(1), new Flatten());
    enc.loadStateDict(part(state, 'simclr'));
    enc.eval();
    const feats = noGrad(() => enc.forward(X)).toArray() as number[][];
    const clf = new LogisticRegression({ maxIter: 500 }).fit(feats.slice(0, nTrain), d.target.slice(0, nTrain));
    const pred = Array.from(clf.predict(feats.slice(nTrain)) as ArrayLike<number>, Number);
    const acc = pred.filter((p, i) => p === d.target[nTrain + i]).length / (d.target.length - nTrain);
    // The probe is an iterative fit on float32 features: allow two of the 597 digits to differ.
    expect(Math.abs(acc - recorded.probeAccuracy)).toBeLessThanOrEqual(2.01 / 597);
    expect(recorded.probeAccuracy).toBeGreaterThan(recorded.randomEncoderProbeAccuracy + 0.3);
  });
});
