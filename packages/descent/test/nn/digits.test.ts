/**
 * A trained-model test where the outcome is robust: an MLP 64-128-10 trained with Adam on
 * scikit-learn's digits (bundled) reaches at least 97% accuracy on a held-out quarter with
 * a fixed seed. (Typical results are 97–98%; the margin absorbs float32 rounding order.)
 */
import { describe, it, expect } from 'vitest';
import { tensor, manualSeed, noGrad, type Tensor } from '../../src/tensor/index.js';
import { Generator } from '../../src/random/index.js';
import { Sequential, Linear, ReLU, F } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import { DataLoader, TensorDataset } from '../../src/data/index.js';
import { loadDigits } from '../../src/datasets/index.js';

describe('digits MLP', () => {
  it('reaches >= 97% test accuracy', () => {
    manualSeed(0);
    const { data, target } = loadDigits();
    const raw = tensor(data as number[][]);
    const y = tensor(target as number[], { dtype: 'int32' });
    const order = new Generator(0).permutation(raw.shape[0]);
    const cut = Math.floor(0.75 * order.length);
    const trainIdx = tensor(order.slice(0, cut), { dtype: 'int32' });
    const testIdx = tensor(order.slice(cut), { dtype: 'int32' });
    // Standardize each pixel with the training split's statistics only (no test leakage);
    // pixels that are constant in training (always 0 at the border) are left centred.
    const train = raw.indexSelect(0, trainIdx);
    const mu = train.mean(0);
    const sd = train.std(0, { correction: 0 });
    const X = raw.sub(mu).div(sd.add(sd.eq(0).astype('float32')));
    const model = new Sequential(new Linear(64, 128), new ReLU(), new Linear(128, 10));
    const opt = new Adam(model.parameters(), { lr: 1e-3 });
    const loader = new DataLoader(new TensorDataset(X.indexSelect(0, trainIdx), y.indexSelect(0, trainIdx)), { batchSize: 32, shuffle: true, generator: new Generator(1) });
    for (let epoch = 0; epoch < 20; epoch++) {
      for (const [xb, yb] of loader) {
        opt.zeroGrad();
        F.crossEntropy(model.forward(xb), yb).backward();
        opt.step();
      }
    }
    const pred = noGrad(() => (model.forward(X.indexSelect(0, testIdx)) as Tensor).argmax(1));
    const accuracy = pred.eq(y.indexSelect(0, testIdx)).astype('float32').mean().item();
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
  });
});
