/**
 * descent/generative against PyTorch transcriptions of the papers (tools/fixtures/generative.py,
 * float64): the VAE's reparameterization, KL and loss with their gradients; the GAN losses and
 * WGAN-GP's gradient penalty with its double-backward gradients; DDPM's linear and cosine
 * schedules, q(x_t|x_0), one ancestral step and DDIM steps; the energy distance.
 */
import { describe, it, expect } from 'vitest';
import { tensor, noGrad, zeros } from '../../src/tensor/index.js';
import { Linear, Tanh, Sequential } from '../../src/nn/index.js';
import {
  reparameterize, gaussianKL, vaeLoss, discriminatorLoss, generatorLoss, gradientPenalty,
  noiseSchedule, qSample, ddpmStep, ddimStep, energyDistance,
} from '../../src/generative/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';

type E = EncodedTensor;
interface VaeCase {
  name: string; reconstruction: 'bce' | 'mse'; beta: number;
  mu: E; logVar: E; output: E; x: E; eps: E; z: E; kl: E; recon: E; loss: number;
  lossGrads: Record<'mu' | 'logVar' | 'output', E>; zUpstream: E; zGrads: Record<'mu' | 'logVar', E>;
}
interface Fixture {
  source: string;
  vae: VaeCase[];
  gan: {
    realLogits: E; fakeLogits: E; dLoss: number; dGradReal: E; dGradFake: E; gLoss: number; gGradFake: E;
    critic: Record<string, E>; real: E; fake: E; alpha: E; gp: number; gpGrads: Record<string, E>;
  };
  schedules: { kind: 'linear' | 'cosine'; T: number; betas: E; alphaBars: E }[];
  steps: { T: number; kind: 'cosine'; x0: E; noise: E; t: number[]; xt: E; epsHat: E; z: E; ddpmPrev: E; ddimStride: number; ddim: { eta: number; xPrev: E }[] };
  energy: { X: E; Y: E; energy: number };
}
const fx = loadFixture<Fixture>('generative.json');
const TIGHT = { rtol: 1e-9, atol: 1e-12 };

describe(`VAE pieces match ${fx.source}`, () => {
  for (const c of fx.vae) {
    it(`reparameterize, KL and vaeLoss (${c.name}) with gradients`, () => {
      const mu = decode(c.mu).requiresGrad_();
      const logVar = decode(c.logVar).requiresGrad_();
      const out = decode(c.output).requiresGrad_();
      const z = reparameterize(mu, logVar, { eps: decode(c.eps) });
      expectClose(z, c.z, TIGHT, 'z');
      expectClose(gaussianKL(mu, logVar), c.kl, TIGHT, 'kl');
      const terms = vaeLoss(out, decode(c.x), mu, logVar, { reconstruction: c.reconstruction, beta: c.beta });
      expect(terms.loss.item()).toBeCloseTo(c.loss, 10);
      expect(terms.recon.item()).toBeCloseTo(decode(c.recon).mean().item(), 10);
      terms.loss.backward();
      expectClose(mu.grad!, c.lossGrads.mu, TIGHT, 'dloss/dmu');
      expectClose(logVar.grad!, c.lossGrads.logVar, TIGHT, 'dloss/dlogVar');
      expectClose(out.grad!, c.lossGrads.output, TIGHT, 'dloss/doutput');
      mu.grad = null;
      logVar.grad = null;
      z.mul(decode(c.zUpstream)).sum().backward();
      expectClose(mu.grad!, c.zGrads.mu, TIGHT, 'dz/dmu');
      expectClose(logVar.grad!, c.zGrads.logVar, TIGHT, 'dz/dlogVar');
    });
  }
  it('KL is zero exactly at the prior and reparameterize/vaeLoss name bad input', () => {
    for (const v of gaussianKL(zeros([2, 3], { dtype: 'float64' }), zeros([2, 3], { dtype: 'float64' })).toTypedArray()) expect(Math.abs(v)).toBe(0);
    expect(() => reparameterize(zeros([2, 3]), zeros([2, 2]))).toThrow(/reparameterize: mu and logVar must have one shape/);
    expect(() => vaeLoss(zeros([2, 3]), zeros([2, 3]), zeros([2, 1]), zeros([2, 1]), { beta: -1 })).toThrow(/vaeLoss: beta/);
    expect(() => vaeLoss(zeros([2, 3]), zeros([2, 4]), zeros([2, 1]), zeros([2, 1]))).toThrow(/vaeLoss: output and x/);
  });
});

describe(`GAN losses match ${fx.source}`, () => {
  const g = fx.gan;
  it('discriminator and non-saturating generator losses with gradients', () => {
    const r = decode(g.realLogits).requiresGrad_();
    const f = decode(g.fakeLogits).requiresGrad_();
    const d = discriminatorLoss(r, f);
    expect(d.item()).toBeCloseTo(g.dLoss, 11);
    d.backward();
    expectClose(r.grad!, g.dGradReal, TIGHT, 'dD/dreal');
    expectClose(f.grad!, g.dGradFake, TIGHT, 'dD/dfake');
    const f2 = decode(g.fakeLogits).requiresGrad_();
    const gl = generatorLoss(f2);
    expect(gl.item()).toBeCloseTo(g.gLoss, 11);
    gl.backward();
    expectClose(f2.grad!, g.gGradFake, TIGHT, 'dG/dfake');
  });
  it('WGAN-GP gradient penalty and its gradients through the double backward', () => {
    const critic = new Sequential(new Linear(2, 8, { dtype: 'float64' }), new Tanh(), new Linear(8, 1, { dtype: 'float64' }));
    const names: Record<string, string> = { 'fc1.weight': '0.weight', 'fc1.bias': '0.bias', 'fc2.weight': '2.weight', 'fc2.bias': '2.bias' };
    const own = Object.fromEntries(critic.namedParameters());
    noGrad(() => { for (const [k, v] of Object.entries(g.critic)) own[names[k]].copy_(decode(v)); });
    const sentinel = tensor([7], { dtype: 'float64' });
    own['2.bias'].grad = sentinel;
    const gp = gradientPenalty(critic, decode(g.real), decode(g.fake), { alpha: decode(g.alpha) });
    expect(gp.item()).toBeCloseTo(g.gp, 10);
    expect(own['2.bias'].grad, 'the penalty leaves existing .grad alone').toBe(sentinel);
    for (const p of critic.parameters()) p.grad = null;
    gp.backward();
    for (const [k, v] of Object.entries(g.gpGrads)) {
      const got = own[names[k]].grad ?? zeros(own[names[k]].shape, { dtype: 'float64' });
      expectClose(got, v, { rtol: 1e-8, atol: 1e-10 }, `dgp/d${k}`);
    }
  });
});

describe(`diffusion matches ${fx.source}`, () => {
  for (const s of fx.schedules) {
    it(`${s.kind} schedule, T = ${s.T}`, () => {
      const sched = noiseSchedule(s.T, s.kind);
      expectClose(tensor(sched.betas, { dtype: 'float64' }), s.betas, { rtol: 1e-12, atol: 1e-15 }, 'betas');
      expectClose(tensor(sched.alphaBars, { dtype: 'float64' }), s.alphaBars, { rtol: 1e-10, atol: 1e-15 }, 'alphaBars');
    });
  }
  it('cosine schedule: ᾱ follows the closed form f(t)/f(0) until β hits its cap', () => {
    const T = 200;
    const f = (t: number): number => Math.cos(((t / T + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    const sched = noiseSchedule(T, 'cosine');
    for (let t = 0; t < T - 1; t++) expect(sched.alphaBars[t]).toBeCloseTo(f(t + 1) / f(0), 12);
  });
  const st = fx.steps;
  const sched = noiseSchedule(st.T, st.kind);
  it('qSample, one DDPM step and DDIM steps (η = 0 and 0.5)', () => {
    expectClose(qSample(decode(st.x0), st.t, decode(st.noise), sched), st.xt, TIGHT, 'x_t');
    const xt = decode(st.xt);
    const eps = decode(st.epsHat);
    expectClose(ddpmStep(xt, eps, st.t, sched, decode(st.z)), st.ddpmPrev, TIGHT, 'DDPM x_{t-1}');
    for (const d of st.ddim) {
      const prev = ddimStep(xt, eps, st.t, st.t.map((t) => Math.max(-1, t - st.ddimStride)), sched, { eta: d.eta, z: decode(st.z) });
      expectClose(prev, d.xPrev, TIGHT, `DDIM η=${d.eta}`);
    }
  });
  it('steps outside the schedule are named errors', () => {
    expect(() => qSample(zeros([2, 2]), [0, 50], zeros([2, 2]), sched)).toThrow(/qSample: steps must be integers in \[0, 49\]/);
    expect(() => noiseSchedule(0)).toThrow(/noiseSchedule: T must be/);
    expect(() => ddimStep(zeros([1, 2]), zeros([1, 2]), 3, 3, sched)).toThrow(/ddimStep: tPrev/);
  });
});

describe('energy distance', () => {
  it(`matches torch.cdist's V-statistic (${fx.source}) and is 0 for identical samples`, () => {
    expect(energyDistance(decode(fx.energy.X), decode(fx.energy.Y))).toBeCloseTo(fx.energy.energy, 12);
    expect(energyDistance(decode(fx.energy.X), decode(fx.energy.X))).toBeCloseTo(0, 14);
  });
});
