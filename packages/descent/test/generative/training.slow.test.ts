/**
 * descent/generative models trained to a stated quality with fixed seeds (the slow group):
 * a GAN on the ring of eight Gaussians covers every mode (Metz et al. 2017's statistic), a
 * DDPM on two moons samples closer to held-out data than a Gaussian fit (energy distance), with
 * both the ancestral and the DDIM sampler, and a VAE on digits has a held-out negative ELBO
 * below the exact negative log-likelihood of independent per-pixel Bernoullis.
 */
import { describe, it, expect } from 'vitest';
import { tensor, manualSeed, Generator, randn, noGrad, type Tensor } from '../../src/tensor/index.js';
import { Adam } from '../../src/optim/index.js';
import { F } from '../../src/nn/index.js';
import { makeMoons, loadDigits } from '../../src/datasets/index.js';
import {
  discriminatorLoss, generatorLoss, ringOfGaussians, modeCoverage, mlp,
  noiseSchedule, ddpmLoss, ddpmSample, ddimSample, Denoiser, energyDistance, VAE, vaeLoss,
} from '../../src/generative/index.js';

function rows(g: Generator, n: number, batch: number): Tensor {
  return tensor(Array.from({ length: batch }, () => g.integers(0, n)), { dtype: 'int32' });
}

describe('generative models learn their data', () => {
  it('a non-saturating GAN covers all eight modes of the ring', () => {
    manualSeed(0);
    const G = mlp([2, 128, 128, 2]);
    const D = mlp([2, 128, 128, 1]);
    const optG = new Adam(G.parameters(), { lr: 1e-3, betas: [0.5, 0.999] });
    const optD = new Adam(D.parameters(), { lr: 1e-3, betas: [0.5, 0.999] });
    const g = new Generator(1);
    const { centers } = ringOfGaussians(1);
    const coverage = (): ReturnType<typeof modeCoverage> => noGrad(() => modeCoverage(G.forward(randn([1000, 2], { generator: new Generator(5) })), centers, { threshold: 0.15 }));
    const before = coverage();
    for (let i = 0; i < 3000; i++) {
      const { X: real } = ringOfGaussians(128, { generator: g, std: 0.05 });
      const fake = G.forward(randn([128, 2], { generator: g }));
      const dLoss = discriminatorLoss(D.forward(real), D.forward(fake.detach()));
      optD.zeroGrad(); dLoss.backward(); optD.step();
      const gLoss = generatorLoss(D.forward(G.forward(randn([128, 2], { generator: g }))));
      optG.zeroGrad(); gLoss.backward(); optG.step();
    }
    const after = coverage();
    expect(before.modesCovered, 'the untrained generator covers few modes').toBeLessThan(3);
    expect(after.modesCovered, `counts per mode ${after.counts.join(', ')}`).toBe(8);
    expect(after.highQuality).toBeGreaterThan(0.7);
    expect(Math.min(...after.counts)).toBeGreaterThan(0.25 * (after.highQuality * 1000) / 8);
  });

  it('a DDPM on two moons beats a Gaussian fit, with the ancestral and the DDIM sampler', () => {
    manualSeed(0);
    const scale = (X: number[][]): Tensor => tensor(X.flat()).reshape([X.length, 2]).sub(tensor([0.5, 0.25])).mul(tensor([1 / 0.87, 1 / 0.5]));
    const data = scale(makeMoons({ nSamples: 2000, noise: 0.05, randomState: 0 }).X);
    const heldOut = scale(makeMoons({ nSamples: 500, noise: 0.05, randomState: 1 }).X);
    const sched = noiseSchedule(100, 'linear');
    const net = new Denoiser(2, { hidden: 128, timeDim: 16 });
    const opt = new Adam(net.parameters(), { lr: 3e-3 });
    const g = new Generator(1);
    for (let i = 0; i < 3000; i++) {
      const loss = ddpmLoss((x, t) => net.forward(x, t), data.indexSelect(0, rows(g, 2000, 128)), sched, { generator: g });
      opt.zeroGrad(); loss.backward(); opt.step();
    }
    const eps = (x: Tensor, t: Tensor): Tensor => net.forward(x, t);
    const ddpm = energyDistance(ddpmSample(eps, sched, [500, 2], { generator: new Generator(2) }), heldOut);
    const ddim = energyDistance(ddimSample(eps, sched, [500, 2], { steps: 20, generator: new Generator(3) }), heldOut);
    const gaussian = energyDistance(randn([500, 2], { generator: new Generator(4) }).mul(data.std(0)).add(data.mean(0)), heldOut);
    expect(ddpm, `DDPM ${ddpm} vs Gaussian ${gaussian}`).toBeLessThan(0.5 * gaussian);
    expect(ddim, `DDIM (20 steps) ${ddim} vs Gaussian ${gaussian}`).toBeLessThan(0.75 * gaussian);
  });

  it('a VAE on digits: held-out −ELBO below independent Bernoulli pixels', () => {
    manualSeed(0);
    const { data } = loadDigits();
    const all = tensor(data.flat()).reshape([data.length, 64]).div(16);
    const train = all.narrow(0, 0, 1500);
    const test = all.narrow(0, 1500, all.shape[0] - 1500);
    const vae = new VAE(64, [128], 8);
    const opt = new Adam(vae.parameters(), { lr: 2e-3 });
    const g = new Generator(1);
    for (let i = 0; i < 3000; i++) {
      const x = train.indexSelect(0, rows(g, 1500, 64));
      const { output, mu, logVar } = vae.forward(x, g);
      const { loss } = vaeLoss(output, x, mu, logVar);
      opt.zeroGrad(); loss.backward(); opt.step();
    }
    noGrad(() => {
      const { output, mu, logVar } = vae.forward(test, new Generator(7));
      const negElbo = vaeLoss(output, test, mu, logVar).loss.item();
      const p = train.mean(0).clip(1e-3, 1 - 1e-3);
      const logit = p.log().sub(p.neg().add(1).log()).reshape([1, 64]).expand(test.shape);
      const baseline = F.binaryCrossEntropyWithLogits(logit, test, { reduction: 'sum' }).item() / test.shape[0];
      expect(negElbo, `VAE −ELBO ${negElbo} vs independent pixels ${baseline} nats`).toBeLessThan(baseline - 1.5);
    });
  });
});
