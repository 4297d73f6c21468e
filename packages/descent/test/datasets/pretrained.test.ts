/**
 * The shipped weights (descent/datasets loadPretrained) load into Descent modules and
 * reproduce the metrics their PyTorch training scripts recorded in the file's meta
 * (tools/train/cnn_25.py, tools/train/gpt_29.py): Descent's forward pass on the same data gives
 * the same held-out loss and accuracies as PyTorch's did, so the lessons that load these files
 * show a model that works, and a change in a layer's numerics or state-dict names shows up here.
 */
import { describe, expect, it } from 'vitest';
import { loadDigits, loadFashionMnistSubset, loadPretrained, loadTinyText, type PretrainedName } from '../../src/datasets/index.js';
import {
  BatchNorm2d, Conv2d, Embedding, F, Flatten, LayerNorm, Linear, loadState, MaxPool2d, Module, ModuleList, ReLU, Sequential,
  TransformerEncoderLayer, type StateDict,
} from '../../src/nn/index.js';
import { arange, noGrad, tensor, type Tensor } from '../../src/tensor/index.js';

/** The entries of `state` under `prefix.`, with the prefix removed. */
const part = (state: StateDict, prefix: string): StateDict => Object.fromEntries(
  Object.entries(state).filter(([k]) => k.startsWith(`${prefix}.`)).map(([k, v]) => [k.slice(prefix.length + 1), v]));
const accuracy = (model: Module, X: Tensor, y: Tensor) =>
  noGrad(() => (model.forward(X) as Tensor).argmax(1).eq(y).astype('float32').mean().item());

describe('loadPretrained', () => {
  it('names the available files when asked for an unknown one', () => {
    expect(() => loadPretrained('gpt-2' as PretrainedName)).toThrow(/loadPretrained: no shipped weights named "gpt-2"; the names are 'cnn-25', 'gpt-29'/);
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

  it('gpt-29: the character GPT reproduces its validation and test loss', () => {
    const { state, meta } = loadState(loadPretrained('gpt-29'));
    const recorded = meta as { validationLoss: number; testLoss: number; config: { width: number; layers: number; heads: number; blockSize: number; vocab: string } };
    const { width, layers, heads, blockSize: T } = recorded.config;
    const { text } = loadTinyText();
    const vocab = [...new Set(text)].sort();
    expect(vocab.join('')).toBe(recorded.config.vocab);
    const ids = Int32Array.from(text, (ch) => vocab.indexOf(ch));
    const V = vocab.length;
    class GPT extends Module {
      tok = new Embedding(V, width);
      pos = new Embedding(T, width);
      blocks = new ModuleList(Array.from({ length: layers }, () =>
        new TransformerEncoderLayer(width, heads, { dimFeedforward: 4 * width, dropout: 0.1, batchFirst: true, normFirst: true })));
      lnF = new LayerNorm(width);
      head = new Linear(width, V);
      forward(idx: Tensor): Tensor {
        let x = this.tok.forward(idx).add(this.pos.forward(arange(0, idx.shape[1], 1, { dtype: 'int32' })));
        for (const block of this.blocks) x = (block as TransformerEncoderLayer).forward(x, { isCausal: true });
        return this.head.forward(this.lnF.forward(x));
      }
    }
    const gpt = new GPT();
    gpt.loadStateDict(state);
    gpt.eval();
    // The script's split_loss: windows of T advancing by T/2, each scoring its second half.
    const splitLoss = (from: number, to: number) => {
      const starts: number[] = [], scored: [number, number][] = [];
      for (let at = from; at < to; at = scored[scored.length - 1][1]) {
        const end = Math.min(at + T / 2, to);
        starts.push(end - T);
        scored.push([at, end]);
      }
      const x = tensor(starts.map((s) => Array.from(ids.subarray(s, s + T))), { dtype: 'int32' });
      const logp = noGrad(() => F.logSoftmax(gpt.forward(x), -1)).toTypedArray();
      let total = 0;
      scored.forEach(([a, b], w) => { for (let i = a; i < b; i++) total -= logp[(w * T + (i - 1 - starts[w])) * V + ids[i]]; });
      return total / (to - from);
    };
    const [trainEnd, valEnd] = [Math.floor(0.8 * ids.length), Math.floor(0.9 * ids.length)];
    expect(splitLoss(trainEnd, valEnd)).toBeCloseTo(recorded.validationLoss, 4);
    expect(splitLoss(valEnd, ids.length)).toBeCloseTo(recorded.testLoss, 4);
    expect(recorded.testLoss).toBeLessThan(2.0);   // lesson 29's interpolated trigram scores 2.02 on this split
  });
});
