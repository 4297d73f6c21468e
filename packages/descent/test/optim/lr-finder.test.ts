/**
 * The learning-rate range test: the schedule it tries, that it leaves the model and
 * optimizer untouched, that its suggestion lands where the theory of gradient descent on
 * a quadratic says it should, and that it stops when the loss blows up.
 */
import { describe, expect, it } from 'vitest';
import { Tensor, manualSeed, randn, tensor } from '../../src/tensor/index.js';
import { Dropout, F, Linear, ReLU, Sequential } from '../../src/nn/index.js';
import { Adam, SGD, lrFinder, suggestLr } from '../../src/optim/index.js';

/**
 * Least squares y = X·w + noise with standardized X (64 × 4). The MSE loss is a quadratic
 * whose Hessian is (2/n)·XᵀX, with eigenvalues near 2: plain gradient descent converges
 * for lr < 2/λ_max (about 1) and diverges beyond.
 */
function regression(seed = 0) {
  manualSeed(seed);
  const X = randn([64, 4]);
  const y = X.matmul(tensor([[1.5], [-2], [0.5], [1]])).add(randn([64, 1]).mul(0.1));
  const batches = [0, 16, 32, 48].map((i) => [X.narrow(0, i, 16), y.narrow(0, i, 16)]);
  return { X, batches };
}

const values = (m: { stateDict(): Record<string, Tensor> }) => Object.values(m.stateDict()).map((t) => Array.from(t.toTypedArray()));

describe('lrFinder', () => {
  it('tries geometrically spaced learning rates from startLr to endLr', () => {
    const { batches } = regression();
    const model = new Linear(4, 1);
    const { lrs, losses, diverged } = lrFinder(model, batches, { optimizer: new SGD(model.parameters()), loss: F.mseLoss, startLr: 1e-6, endLr: 1e-1, numIter: 30 });
    expect(diverged).toBe(false);
    expect(lrs).toHaveLength(30);
    expect(losses).toHaveLength(30);
    expect(lrs[0]).toBeCloseTo(1e-6, 18);
    expect(lrs[29]).toBeCloseTo(1e-1, 12);
    const ratio = (1e-1 / 1e-6) ** (1 / 29);
    for (let i = 1; i < 30; i++) expect(lrs[i] / lrs[i - 1]).toBeCloseTo(ratio, 10);
  });

  it('smooths the loss with a bias-corrected moving average (smoothing 0 gives the raw losses)', () => {
    const { batches } = regression();
    const model = new Linear(4, 1);
    const raw = lrFinder(model, batches, { optimizer: new SGD(model.parameters()), loss: F.mseLoss, startLr: 1e-7, endLr: 1e-6, numIter: 4, smoothing: 0 });
    // At these rates the weights barely move: raw losses are the initial model's batch losses.
    const initial = batches.map(([x, y]) => F.mseLoss(model.forward(x) as Tensor, y).item());
    raw.losses.forEach((l, i) => expect(l).toBeCloseTo(initial[i], 4));
    const smooth = lrFinder(model, batches, { optimizer: new SGD(model.parameters()), loss: F.mseLoss, startLr: 1e-7, endLr: 1e-6, numIter: 4, smoothing: 0.9 });
    // a_1 = 0.1·l_1 → smoothed_1 = l_1; a_2 = 0.09·l_1 + 0.1·l_2 → smoothed_2 = a_2 / 0.19.
    expect(smooth.losses[0]).toBeCloseTo(raw.losses[0], 6);
    expect(smooth.losses[1]).toBeCloseTo((0.09 * raw.losses[0] + 0.1 * raw.losses[1]) / 0.19, 6);
  });

  it('restores the weights, the learning rates, the optimizer state and train/eval modes exactly', () => {
    const { batches } = regression();
    const make = () => {
      manualSeed(5);
      const model = new Sequential(new Linear(4, 8), new ReLU(), new Dropout(0), new Linear(8, 1));
      const optimizer = new Adam([{ params: model.parameters().slice(0, 2), options: { lr: 0.01 } }, { params: model.parameters().slice(2), options: { lr: 0.002 } }]);
      return { model, optimizer };
    };
    const a = make();
    const b = make();
    const step = (m: typeof a) => {
      for (const [x, y] of batches.slice(0, 2)) {
        m.optimizer.zeroGrad();
        F.mseLoss(m.model.forward(x) as Tensor, y).backward();
        m.optimizer.step();
      }
    };
    step(a);
    step(b);   // both have Adam moments and step counts now
    a.model.eval();
    b.model.eval();
    const r = lrFinder(a.model, batches, { optimizer: a.optimizer, loss: F.mseLoss, numIter: 40, endLr: 1 });
    expect(r.lrs.length).toBeGreaterThan(10);
    expect(values(a.model)).toEqual(values(b.model));
    expect(a.optimizer.paramGroups.map((g) => g.options.lr)).toEqual([0.01, 0.002]);
    expect(a.model.modules().every((m) => !m.training)).toBe(true);
    // Same moments and step counts: one more step from each lands on identical weights.
    a.model.train();
    b.model.train();
    step(a);
    step(b);
    expect(values(a.model)).toEqual(values(b.model));
  });

  it('suggests a rate inside the range, below the divergence point of the quadratic', () => {
    const { X, batches } = regression();
    const model = new Linear(4, 1);
    const { lrs, suggestion, diverged } = lrFinder(model, batches, { optimizer: new SGD(model.parameters()), loss: F.mseLoss, startLr: 1e-5, endLr: 10, numIter: 100 });
    expect(diverged).toBe(true);
    expect(suggestion).not.toBeNull();
    expect(suggestion!).toBeGreaterThanOrEqual(lrs[0]);
    expect(suggestion!).toBeLessThanOrEqual(lrs.at(-1)!);
    // Gradient descent on this quadratic diverges above 2/λ_max of the Hessian (2/n)·XᵀX.
    const H = X.T.matmul(X).mul(2 / 64);
    let v = tensor([[1], [1], [1], [1]]);
    for (let i = 0; i < 100; i++) v = H.matmul(v).div(H.matmul(v).square().sum().sqrt());
    const lambdaMax = v.T.matmul(H).matmul(v).item();
    expect(suggestion!).toBeLessThan(2 / lambdaMax);
    // …and it is a rate that trains: 20 plain SGD epochs at it bring the loss near the noise (0.01).
    const opt = new SGD(model.parameters(), { lr: suggestion! });
    for (let epoch = 0; epoch < 20; epoch++) {
      for (const [x, y] of batches) {
        opt.zeroGrad();
        F.mseLoss(model.forward(x) as Tensor, y).backward();
        opt.step();
      }
    }
    const all = F.mseLoss(model.forward(X) as Tensor, tensor(batches.flatMap(([, y]) => y.toArray() as number[][]))).item();
    expect(all).toBeLessThan(0.05);
  });

  it('stops as soon as the smoothed loss passes divergeThreshold × the best', () => {
    const { batches } = regression();
    const model = new Linear(4, 1);
    const { losses, lrs, diverged } = lrFinder(model, batches, { optimizer: new SGD(model.parameters()), loss: F.mseLoss, startLr: 1e-3, endLr: 1e3, numIter: 200, divergeThreshold: 4 });
    expect(diverged).toBe(true);
    expect(lrs.length).toBeLessThan(200);
    const best = Math.min(...losses.slice(0, -1));
    expect(losses.at(-1)! > 4 * best || !Number.isFinite(losses.at(-1)!)).toBe(true);
    // Every earlier point was within the threshold of the best before it.
    for (let i = 1; i < losses.length - 1; i++) expect(losses[i]).toBeLessThanOrEqual(4 * Math.min(...losses.slice(0, i)));
  });

  it('explains bad options', () => {
    const { batches } = regression();
    const model = new Linear(4, 1);
    const optimizer = new SGD(model.parameters());
    const base = { optimizer, loss: F.mseLoss };
    expect(() => lrFinder(model, batches, { ...base, startLr: 1, endLr: 0.1 })).toThrow(/endLr must be greater than startLr \(1\), got 0.1/);
    expect(() => lrFinder(model, batches, { ...base, startLr: 0 })).toThrow(/startLr must be a number > 0/);
    expect(() => lrFinder(model, batches, { ...base, numIter: 1 })).toThrow(/numIter must be an integer >= 2/);
    expect(() => lrFinder(model, batches, { ...base, smoothing: 1 })).toThrow(/smoothing must be in \[0, 1\)/);
    expect(() => lrFinder(model, batches, { ...base, divergeThreshold: 0.5 })).toThrow(/divergeThreshold must be a number > 1/);
    expect(() => lrFinder(model, [], base)).toThrow(/loader produced no batches/);
    expect(() => lrFinder(model, batches, { loss: F.mseLoss } as never)).toThrow(/optimizer is missing/);
    expect(() => suggestLr([1, 2], [1])).toThrow(/2 learning rates but 1 losses/);
  });
});

describe('suggestLr', () => {
  it('picks the steepest descent against log10(lr), skipping the ends of long curves', () => {
    expect(suggestLr([1e-3, 1e-2, 1e-1, 1], [1.0, 0.9, 0.4, 3.0])).toBe(1e-2);
    expect(suggestLr([1, 2], [1, 0])).toBeNull();
    // 30 points: a steep drop in the first 10 is ignored (noise at tiny rates); the one at 15 counts.
    const lrs = Array.from({ length: 30 }, (_, i) => 10 ** (i / 5 - 6));
    const losses = lrs.map((_, i) => (i === 2 ? 0.1 : i <= 15 ? 1 - 0.01 * i : 0.5));
    expect(suggestLr(lrs, losses)).toBe(lrs[15]);   // slope (L16 − L14)/2h = −0.36/2h beats −0.35/2h at 16
  });

  it('follows the trend, not a one-point dip, on a 100-point curve (9-point windows)', () => {
    const lrs = Array.from({ length: 100 }, (_, i) => 10 ** (i / 16 - 6));
    // A logistic descent steepest at i = 60 (−0.025 per point), and a dip of 0.2 at i = 30
    // that a central difference would read as −0.1 per point.
    const losses = lrs.map((_, i) => 1 - 0.5 / (1 + Math.exp(-(i - 60) / 5)) - (i === 30 ? 0.2 : 0));
    expect(suggestLr(lrs, losses)).toBe(lrs[60]);
  });
});
