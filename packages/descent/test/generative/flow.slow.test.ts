/**
 * A RealNVP flow trained on two moons with fixed seeds (the slow group): its exact held-out
 * log-likelihood beats the maximum-likelihood full-covariance Gaussian's, and its samples have a
 * smaller energy distance to held-out points than the Gaussian's samples.
 */
import { describe, it, expect } from 'vitest';
import { tensor, manualSeed, Generator, randn, noGrad, type Tensor } from '../../src/tensor/index.js';
import { Adam } from '../../src/optim/index.js';
import { makeMoons } from '../../src/datasets/index.js';
import { RealNVP, gaussianLogProb, energyDistance } from '../../src/generative/index.js';

describe('a RealNVP flow learns two moons', () => {
  it('beats a Gaussian fit in held-out log-likelihood and in sample energy distance', () => {
    manualSeed(0);
    const scale = (X: number[][]): Tensor => tensor(X.flat()).reshape([X.length, 2]).sub(tensor([0.5, 0.25])).mul(tensor([1 / 0.87, 1 / 0.5]));
    const data = scale(makeMoons({ nSamples: 2000, noise: 0.05, randomState: 0 }).X);
    const heldOut = scale(makeMoons({ nSamples: 500, noise: 0.05, randomState: 1 }).X);
    const flow = new RealNVP(2, { layers: 8, hidden: 64 });
    const opt = new Adam(flow.parameters(), { lr: 2e-3 });
    const g = new Generator(1);
    for (let i = 0; i < 800; i++) {
      const idx = tensor(Array.from({ length: 256 }, () => g.integers(0, 2000)), { dtype: 'int32' });
      const loss = flow.logProb(data.indexSelect(0, idx)).mean().neg();
      opt.zeroGrad(); loss.backward(); opt.step();
    }
    const flowLL = noGrad(() => flow.logProb(heldOut).mean().item());
    const gaussLL = gaussianLogProb(data, heldOut, { fullCovariance: true }).mean().item();
    const flowED = energyDistance(flow.sample(500, { generator: new Generator(2) }), heldOut);
    // The Gaussian's samples: mean and Cholesky factor of the covariance.
    const mu = data.mean(0);
    const c = data.sub(mu);
    const [[a, b], [, d]] = c.T.matmul(c).div(2000).toArray() as number[][];
    const l11 = Math.sqrt(a), l21 = b / l11, l22 = Math.sqrt(d - l21 * l21);
    const gaussED = energyDistance(randn([500, 2], { generator: new Generator(3) }).matmul(tensor([[l11, l21], [0, l22]])).add(mu), heldOut);
    expect(flowLL, `flow ${flowLL} vs Gaussian ${gaussLL} nats per point`).toBeGreaterThan(gaussLL + 1);
    expect(flowED, `flow ${flowED} vs Gaussian ${gaussED}`).toBeLessThan(0.4 * gaussED);
  });
});
