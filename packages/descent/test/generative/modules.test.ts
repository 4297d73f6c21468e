/**
 * descent/generative's modules and samplers: shapes, seeded reproducibility, the state-dict
 * names, DDIM's determinism at η = 0, the time embedding, and named errors on bad input.
 */
import { describe, it, expect } from 'vitest';
import { manualSeed, randn, tensor, Generator, noGrad } from '../../src/tensor/index.js';
import {
  Autoencoder, VAE, mlp, Denoiser, noiseSchedule, ddpmSample, ddimSample, ddimStep, timestepEmbedding, ringOfGaussians, modeCoverage, energyDistance,
} from '../../src/generative/index.js';

describe('generative modules', () => {
  it('Autoencoder and VAE: shapes, encoder/decoder mirror, state-dict names', () => {
    manualSeed(0);
    const x = randn([5, 12]);
    const ae = new Autoencoder(12, [8], 3);
    expect(ae.encode(x).shape).toEqual([5, 3]);
    expect(ae.forward(x).shape).toEqual([5, 12]);
    const vae = new VAE(12, [8, 6], 2);
    const { output, mu, logVar, z } = vae.forward(x, new Generator(1));
    expect([output.shape, mu.shape, logVar.shape, z.shape]).toEqual([[5, 12], [5, 2], [5, 2], [5, 2]]);
    expect(Object.keys(vae.stateDict())).toEqual([
      'encoder.0.weight', 'encoder.0.bias', 'encoder.2.weight', 'encoder.2.bias', 'encoder.4.weight', 'encoder.4.bias',
      'decoder.0.weight', 'decoder.0.bias', 'decoder.2.weight', 'decoder.2.bias', 'decoder.4.weight', 'decoder.4.bias',
    ]);
    expect(vae.stateDict()['encoder.4.weight'].shape).toEqual([4, 6]); // 2k outputs: mu and logVar
    const again = vae.forward(x, new Generator(1)).z;
    expect(Array.from(again.toTypedArray())).toEqual(Array.from(z.toTypedArray()));
    expect(() => mlp([3])).toThrow(/mlp: sizes must be at least two positive integers/);
  });

  it('samplers: shapes, seeded reproducibility, DDIM deterministic at η = 0 given x_T', () => {
    manualSeed(0);
    const net = new Denoiser(2, { hidden: 16, timeDim: 4 });
    const eps = (x: ReturnType<typeof tensor>, t: ReturnType<typeof tensor>) => net.forward(x, t);
    const sched = noiseSchedule(20, 'linear', { betaStart: 1e-3, betaEnd: 0.2 });
    const a = ddpmSample(eps, sched, [7, 2], { generator: new Generator(3) });
    const b = ddpmSample(eps, sched, [7, 2], { generator: new Generator(3) });
    expect(a.shape).toEqual([7, 2]);
    expect(Array.from(a.toTypedArray())).toEqual(Array.from(b.toTypedArray()));
    const seen: number[] = [];
    ddimSample(eps, sched, [4, 2], { steps: 4, generator: new Generator(4), onStep: (_, t) => seen.push(t) });
    expect(seen).toEqual([13, 6, 0, -1]); // 19 → 13 → 6 → 0 → x_0
    const xT = randn([3, 2], { generator: new Generator(5) });
    const s1 = noGrad(() => ddimStep(xT, eps(xT, tensor([19, 19, 19])), 19, 6, sched));
    const s2 = noGrad(() => ddimStep(xT, eps(xT, tensor([19, 19, 19])), 19, 6, sched, { eta: 0 }));
    expect(Array.from(s1.toTypedArray())).toEqual(Array.from(s2.toTypedArray()));
    expect(() => ddimSample(eps, sched, [2, 2], { steps: 21 })).toThrow(/ddimSample: steps must be an integer in \[1, 20\]/);
    expect(() => ddimStep(xT, xT, 19, 6, sched, { eta: 0.5 })).toThrow(/ddimStep: eta > 0 needs the noise z/);
  });

  it('time embedding: sin and cos halves, t = 0 gives [0…, 1…]', () => {
    const e = timestepEmbedding(tensor([0, 3], { dtype: 'float64' }), 6).toArray() as number[][];
    expect(e[0]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(e[1][0]).toBeCloseTo(Math.sin(3), 12);
    expect(e[1][4]).toBeCloseTo(Math.cos(3 * Math.exp(-Math.log(10000) / 3)), 12);
    expect(() => timestepEmbedding(tensor([1]), 5)).toThrow(/even integer/);
  });

  it('ring data covers its modes; a collapsed sample does not; energy distance grows with a shift', () => {
    const { X, centers } = ringOfGaussians(800, { generator: new Generator(0) });
    expect(modeCoverage(X, centers).modesCovered).toBe(8);
    const collapsed = tensor(Array.from({ length: 400 }, () => centers[2]).flat()).reshape([400, 2]);
    const c = modeCoverage(collapsed, centers);
    expect(c.modesCovered).toBe(1);
    expect(c.counts[2]).toBe(400);
    const Y = ringOfGaussians(300, { generator: new Generator(1) }).X;
    expect(energyDistance(Y, X)).toBeLessThan(energyDistance(Y.add(0.5), X));
    expect(() => energyDistance(X, tensor([1, 2, 3]).reshape([1, 3]))).toThrow(/energyDistance: X and Y must be/);
  });
});
