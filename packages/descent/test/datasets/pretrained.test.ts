/**
 * The shipped weights (descent/datasets loadPretrained) load into Descent modules and
 * reproduce the metrics their PyTorch training scripts recorded in the file's meta
 * (tools/train/cnn_25.py): Descent's forward pass on the same data gives
 * the same held-out loss and accuracies as PyTorch's did, so the lessons that load these files
 * show a model that works, and a change in a layer's numerics or state-dict names shows up here.
 */
import { describe, expect, it } from 'vitest';
import { loadDigits, loadFashionMnistSubset, loadPretrained, type PretrainedName } from '../../src/datasets/index.js';
import { BatchNorm2d, Conv2d, Flatten, Linear, loadState, MaxPool2d, Module, ReLU, Sequential, type StateDict } from '../../src/nn/index.js';
import { noGrad, tensor, type Tensor } from '../../src/tensor/index.js';

/** The entries of `state` under `prefix.`, with the prefix removed. */
const part = (state: StateDict, prefix: string): StateDict => Object.fromEntries(
  Object.entries(state).filter(([k]) => k.startsWith(`${prefix}.`)).map(([k, v]) => [k.slice(prefix.length + 1), v]));
const accuracy = (model: Module, X: Tensor, y: Tensor) =>
  noGrad(() => (model.forward(X) as Tensor).argmax(1).eq(y).astype('float32').mean().item());

describe('loadPretrained', () => {
  it('names the available files when asked for an unknown one', () => {
    expect(() => loadPretrained('gpt-2' as PretrainedName)).toThrow(/loadPretrained: no shipped weights named "gpt-2"; the names are 'cnn-25'/);
  });

  it('cnn-25: the digits CNN and MLP reproduce the accuracies the script recorded', () => {
    const { state, meta } = loadState(loadPretrained('cnn-25'));
    const recorded = (meta as { digits: Record<string, number> }).digits;
    const digits = loadDigits();
    const X = tensor(digits.data).div(16).reshape([-1, 1, 8, 8]);
    const y = tensor(digits.target, { dtype: 'int32' });
    const test = tensor(Array.from({ length: 1797 }, (_, i) => i).filter((i) => i % 5 === 4), { dtype: 'int32' });
    const [Xb, yb] = [X.indexSelect(0, test), y.indexSelect(0, test)];
    const shifted = Xb.pad([[0, 0], [0, 0], [0, 0], [1, 0]]).narrow(3, 0, 8);
    const cnn = new Sequential(
      new Conv2d(1, 16, 3, { padding: 1 }), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2),
      new Conv2d(16, 32, 3, { padding: 1 }), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
      new Flatten(), new Linear(128, 10));
    const mlp = new Sequential(new Flatten(), new Linear(64, 64), new ReLU(), new Linear(64, 10));
    cnn.loadStateDict(part(state, 'digits.cnn'));
    mlp.loadStateDict(part(state, 'digits.mlp'));
    cnn.eval(); mlp.eval();
    // One test digit is 1/359 of the accuracy; float32 rounding may flip at most a borderline one.
    const oneDigit = 1.01 / 359;
    expect(Math.abs(accuracy(cnn, Xb, yb) - recorded.cnnTestAccuracy)).toBeLessThanOrEqual(oneDigit);
    expect(Math.abs(accuracy(mlp, Xb, yb) - recorded.mlpTestAccuracy)).toBeLessThanOrEqual(oneDigit);
    expect(Math.abs(accuracy(cnn, shifted, yb) - recorded.cnnShiftedAccuracy)).toBeLessThanOrEqual(oneDigit);
    expect(recorded.cnnTestAccuracy).toBeGreaterThanOrEqual(0.98);
  });

  it('cnn-25: the Fashion-MNIST CNN and softmax regression reproduce their accuracy on the shipped test images', () => {
    const { state, meta } = loadState(loadPretrained('cnn-25'));
    const recorded = (meta as { fashion: Record<string, number> }).fashion;
    const { images, labels } = loadFashionMnistSubset({ split: 'test' });
    const cnn = new Sequential(
      new Conv2d(1, 16, 3, { padding: 1 }), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2),
      new Conv2d(16, 32, 3, { padding: 1 }), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
      new Flatten(), new Linear(32 * 7 * 7, 10));
    const linear = new Sequential(new Flatten(), new Linear(784, 10));
    cnn.loadStateDict(part(state, 'fashion.cnn'));
    linear.loadStateDict(part(state, 'fashion.linear'));
    cnn.eval(); linear.eval();
    const oneImage = 1.01 / 200;
    expect(Math.abs(accuracy(cnn, images, labels) - recorded.cnnSubsetAccuracy)).toBeLessThanOrEqual(oneImage);
    expect(Math.abs(accuracy(linear, images, labels) - recorded.linearSubsetAccuracy)).toBeLessThanOrEqual(oneImage);
    expect(recorded.cnnSubsetAccuracy).toBeGreaterThanOrEqual(0.85);
  });
});
