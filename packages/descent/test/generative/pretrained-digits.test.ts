/**
 * The shipped digits generators (tools/train/gan_digits.py, tools/train/ddpm_digits.py) load into
 * descent/generative's modules and reproduce what their PyTorch training recorded: the exact
 * images for fixed latents (GAN) and fixed starting noise through 25 DDIM steps (DDPM), and
 * the sample statistics of `classifierSampleStats` under lesson 25's digits CNN (cnn-25) within
 * sampling error. Both must beat the baseline that draws every pixel independently from its own
 * training mean and spread, judged by the same classifier.
 */
import { describe, expect, it } from 'vitest';
import { loadDigits, loadPretrained } from '../../src/datasets/index.js';
import { BatchNorm2d, Conv2d, Flatten, Linear, loadState, MaxPool2d, ReLU, Sequential, type StateDict } from '../../src/nn/index.js';
import { Generator, noGrad, randn, tensor, type Tensor } from '../../src/tensor/index.js';
import { Denoiser, ddimSample, mlp, noiseSchedule, classifierSampleStats, type ClassifierSampleStats } from '../../src/generative/index.js';

const part = (state: StateDict, prefix: string): StateDict => Object.fromEntries(
  Object.entries(state).filter(([k]) => k.startsWith(`${prefix}.`)).map(([k, v]) => [k.slice(prefix.length + 1), v]));

function judge(): Sequential {
  const cnn = new Sequential(
    new Conv2d(1, 16, 3, { padding: 1 }), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2),
    new Conv2d(16, 32, 3, { padding: 1 }), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
    new Flatten(), new Linear(128, 10));
  cnn.loadStateDict(part(loadState(loadPretrained('cnn-25')).state, 'digits.cnn'));
  return cnn.eval();
}
const cnn = judge();
const stats = (images: Tensor): ClassifierSampleStats => noGrad(() => classifierSampleStats(cnn.forward(images.clip(0, 1).reshape([-1, 1, 8, 8])).softmax(1)));

/** The baseline: each pixel drawn on its own from N(mean, std²) of the training digits, clipped to [0, 1]. */
function independentPixels(n: number, seed: number): Tensor {
  const { data } = loadDigits();
  const train = tensor(data.filter((_, i) => i % 5 !== 4)).div(16); // (1438, 64), the scripts' split
  return randn([n, 64], { generator: new Generator(seed) }).mul(train.std(0)).add(train.mean(0));
}

type Recorded = { classesCovered: number; meanConfidence: number; confident: number };
function expectReproduces(got: ClassifierSampleStats, rec: Recorded, what: string): void {
  // 1000 samples: the standard error of a mean confidence or a fraction is below 0.016.
  expect(Math.abs(got.meanConfidence - rec.meanConfidence), `${what} mean confidence ${got.meanConfidence} vs recorded ${rec.meanConfidence}`).toBeLessThan(0.05);
  expect(Math.abs(got.confident - rec.confident), `${what} confident share ${got.confident} vs recorded ${rec.confident}`).toBeLessThan(0.06);
  expect(Math.abs(got.classesCovered - rec.classesCovered), `${what} classes ${got.counts.join(' ')}`).toBeLessThanOrEqual(1);
}

describe('shipped digits generators', () => {
  const baseline = stats(independentPixels(1000, 11));

  it('gan-digits: fixed latents give the recorded images, and samples beat independent pixels', () => {
    const { state, meta } = loadState(loadPretrained('gan-digits'));
    const m = meta as { latentDim: number; hidden: number[]; fixedLatents: number[][]; fixedImages: number[][]; samples: Recorded };
    const G = mlp([m.latentDim, ...m.hidden, 64]);
    G.loadStateDict(part(state, 'generator'));
    noGrad(() => {
      const images = G.forward(tensor(m.fixedLatents)).sigmoid();
      const want = m.fixedImages.flat();
      images.toTypedArray().forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-5));
      const got = stats(G.forward(randn([1000, m.latentDim], { generator: new Generator(7) })).sigmoid());
      expectReproduces(got, m.samples, 'GAN');
      expect(got.meanConfidence).toBeGreaterThan(baseline.meanConfidence + 0.02);
      expect(got.confident).toBeGreaterThan(baseline.confident + 0.05);
      expect(got.classesCovered).toBeGreaterThanOrEqual(baseline.classesCovered);
    });
  });

  it('ddpm-digits: DDIM from fixed noise gives the recorded images, and samples beat independent pixels', () => {
    const { state, meta } = loadState(loadPretrained('ddpm-digits'));
    const m = meta as { T: number; betaStart: number; betaEnd: number; hidden: number; timeDim: number; ddimSteps: number; fixedNoise: number[][]; fixedSamples: number[][]; samples: Recorded };
    const net = new Denoiser(64, { hidden: m.hidden, timeDim: m.timeDim });
    net.loadStateDict(part(state, 'denoiser'));
    const sched = noiseSchedule(m.T, 'linear', { betaStart: m.betaStart, betaEnd: m.betaEnd });
    const eps = (x: Tensor, t: Tensor): Tensor => net.forward(x, t);
    const fixed = ddimSample(eps, sched, [m.fixedNoise.length, 64], { steps: m.ddimSteps, init: tensor(m.fixedNoise) });
    const want = m.fixedSamples.flat();
    // 25 float32 steps, each rescaling the previous error by √(ᾱ_prev/ᾱ_t) ≥ 1: agreement to a
    // few thousandths on a [−1, 1] scale (a wrong layer or schedule is off by tenths).
    const worst = Math.max(...Array.from(fixed.toTypedArray(), (v, i) => Math.abs(v - want[i])));
    expect(worst, 'largest pixel difference from PyTorch').toBeLessThan(1e-2);
    const got = stats(ddimSample(eps, sched, [1000, 64], { steps: m.ddimSteps, generator: new Generator(7) }).add(1).div(2));
    expectReproduces(got, m.samples, 'DDPM');
    expect(got.meanConfidence).toBeGreaterThan(baseline.meanConfidence + 0.02);
    expect(got.confident).toBeGreaterThan(baseline.confident + 0.05);
    expect(got.classesCovered).toBeGreaterThanOrEqual(baseline.classesCovered);
  });
});
