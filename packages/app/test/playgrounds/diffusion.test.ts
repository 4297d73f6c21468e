import { describe, expect, it } from 'vitest';
import { Generator, randn, tensor } from 'descent/tensor';
import { noiseSchedule, qSample } from 'descent/generative';
import { diffusionView, idealEps, dataPoints } from '../../src/client/playgrounds/diffusion/logic.js';

describe('diffusion playground logic', () => {
  it('the forward frames are qSample of the data; the last is nearly pure noise', () => {
    const v = diffusionView({ data: 'moons', schedule: 'cosine', T: 40, sampler: 'ddim', ddimSteps: 10 });
    const X0 = tensor(v.data.flat(), { dtype: 'float64' }).reshape([300, 2]);
    const noise = randn([300, 2], { dtype: 'float64', generator: new Generator(1) });
    expect(v.forward[7]).toEqual(qSample(X0, 7, noise, v.schedule).toArray());
    expect(v.schedule.alphaBars[39]).toBeLessThan(1e-3);
    expect(v.reverse.length).toBe(11);
    expect(v.stepOf.at(-1)).toBe(-1);
  });

  it('with the exact ε both samplers land on the data, far closer than a Gaussian fit', () => {
    for (const sampler of ['ddpm', 'ddim'] as const) {
      for (const data of ['moons', 'ring'] as const) {
        const v = diffusionView({ data, schedule: 'linear', T: 50, sampler, ddimSteps: 20 });
        expect(v.energy, `${sampler} on ${data}: ${v.energy} vs Gaussian ${v.gaussianEnergy}`).toBeLessThan(0.5 * v.gaussianEnergy);
      }
    }
  });

  it('the ideal ε is the noise that was added when one data point explains x_t', () => {
    const sched = noiseSchedule(50, 'linear');
    const data = [[1, 0]];
    const x0 = tensor([[1, 0]], { dtype: 'float64' });
    const e = tensor([[0.3, -0.7]], { dtype: 'float64' });
    const xt = qSample(x0, 30, e, sched);
    const got = idealEps(data, sched, 1e-9)(xt, tensor([30], { dtype: 'float64' })).toArray() as number[][];
    expect(got[0][0]).toBeCloseTo(0.3, 6);
    expect(got[0][1]).toBeCloseTo(-0.7, 6);
    expect(dataPoints('ring', 10)).toHaveLength(10);
  });
});
