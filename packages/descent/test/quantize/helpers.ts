/** The digits data split and a small trained MLP shared by the quantization tests. */
import { tensor, manualSeed, noGrad, type Tensor } from '../../src/tensor/index.js';
import { Generator } from '../../src/random/index.js';
import { Sequential, Linear, ReLU, F, type Module } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import { DataLoader, TensorDataset } from '../../src/data/index.js';
import { loadDigits } from '../../src/datasets/index.js';

export interface Split { xTrain: Tensor; yTrain: Tensor; xTest: Tensor; yTest: Tensor }

/** Digits, standardized with training statistics, 75/25 split (as test/nn/digits.test.ts). */
export function digitsSplit(): Split {
  const { data, target } = loadDigits();
  const raw = tensor(data as number[][]);
  const y = tensor(target as number[], { dtype: 'int32' });
  const order = new Generator(0).permutation(raw.shape[0]);
  const cut = Math.floor(0.75 * order.length);
  const trainIdx = tensor(order.slice(0, cut), { dtype: 'int32' });
  const testIdx = tensor(order.slice(cut), { dtype: 'int32' });
  const train = raw.indexSelect(0, trainIdx);
  const mu = train.mean(0), sd = train.std(0, { correction: 0 });
  const X = raw.sub(mu).div(sd.add(sd.eq(0).astype('float32')));
  return { xTrain: X.indexSelect(0, trainIdx), yTrain: y.indexSelect(0, trainIdx), xTest: X.indexSelect(0, testIdx), yTest: y.indexSelect(0, testIdx) };
}

export function mlp(hidden = 128): Sequential {
  return new Sequential(new Linear(64, hidden), new ReLU(), new Linear(hidden, 10));
}

/** Adam on cross-entropy plus an optional extra loss term (distillation, penalties). */
export function train<M extends Module>(model: M, s: Split, epochs: number, options: { seed?: number; lr?: number; loss?: (logits: Tensor, x: Tensor, y: Tensor) => Tensor; afterStep?: () => void } = {}): M {
  manualSeed(options.seed ?? 0);
  const opt = new Adam(model.parameters(), { lr: options.lr ?? 1e-3 });
  const loader = new DataLoader(new TensorDataset(s.xTrain, s.yTrain), { batchSize: 32, shuffle: true, generator: new Generator(options.seed ?? 1) });
  model.train();
  for (let e = 0; e < epochs; e++) {
    for (const [xb, yb] of loader) {
      opt.zeroGrad();
      const logits = model.forward(xb) as Tensor;
      (options.loss ? options.loss(logits, xb, yb) : F.crossEntropy(logits, yb)).backward();
      opt.step();
      options.afterStep?.();
    }
  }
  model.eval();
  return model;
}

export function accuracy(model: Module, x: Tensor, y: Tensor): number {
  const pred = noGrad(() => (model.forward(x) as Tensor).argmax(1));
  return pred.eq(y).astype('float32').mean().item() as number;
}
