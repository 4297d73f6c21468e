/**
 * The diffusion playground's computation: a 2-D data set, the forward process q(x_t | x_0) at
 * every step, and the reverse process run with descent/generative's DDPM or DDIM sampler.
 *
 * The noise predictor is the exact optimum rather than a trained network: treating the data as a
 * mixture of small Gaussians N(x_i, s²I), the best ε-prediction under the DDPM loss is
 * E[ε | x_t] = (x_t − √ᾱ_t·E[x_0 | x_t]) / √(1 − ᾱ_t), and E[x_0 | x_t] has a closed form
 * (a softmax over the components of their posterior means). A trained ε_θ approximates exactly
 * this function (lesson 30 trains one); using it here keeps the page instant and shows what the
 * samplers do with a perfect model.
 */
import { tensor, randn, Generator, type Tensor } from 'descent/tensor';
import { makeMoons } from 'descent/datasets';
import { noiseSchedule, qSample, ddpmStep, ddimStep, ringOfGaussians, energyDistance, type NoiseSchedule } from 'descent/generative';

export type DataName = 'moons' | 'ring';
export type ScheduleKind = 'linear' | 'cosine';
export type Sampler = 'ddpm' | 'ddim';

export const DATA: Record<DataName, { label: string }> = {
  moons: { label: 'Two moons' },
  ring: { label: 'Ring of 8 Gaussians' },
};

/** The data set's points, n × 2, scaled to roughly unit spread. */
export function dataPoints(name: DataName, n = 300, seed = 0): number[][] {
  if (name === 'moons') return makeMoons({ nSamples: n, noise: 0.04, randomState: seed }).X.map(([a, b]) => [(a - 0.5) / 0.87, (b - 0.25) / 0.5]);
  return ringOfGaussians(n, { std: 0.05, radius: 1.5, generator: new Generator(seed) }).X.toArray() as number[][];
}

/** Width s of the Gaussian placed on each data point. */
export const KERNEL = 0.05;

/** The optimal ε-predictor for the data as a mixture of N(x_i, s²I); x (B, 2), step t. */
export function idealEps(data: number[][], schedule: NoiseSchedule, s = KERNEL): (x: Tensor, t: Tensor) => Tensor {
  return (x, t) => {
    const step = Math.round(t.toTypedArray()[0]);
    const ab = schedule.alphaBars[step];
    const a = Math.sqrt(ab);
    const v = ab * s * s + 1 - ab; // variance of x_t given one component
    const shrink = (a * s * s) / v; // E[x_0 | x_t, k] = μ_k + shrink·(x_t − a·μ_k)
    const xs = x.toTypedArray();
    const b = x.shape[0];
    const out = new Float64Array(b * 2);
    const logw = new Float64Array(data.length);
    for (let i = 0; i < b; i++) {
      const x0 = xs[2 * i], x1 = xs[2 * i + 1];
      let max = -Infinity;
      data.forEach(([m0, m1], k) => {
        const d0 = x0 - a * m0, d1 = x1 - a * m1;
        logw[k] = -(d0 * d0 + d1 * d1) / (2 * v);
        if (logw[k] > max) max = logw[k];
      });
      let z = 0, e0 = 0, e1 = 0;
      data.forEach(([m0, m1], k) => {
        const w = Math.exp(logw[k] - max);
        z += w;
        e0 += w * (m0 + shrink * (x0 - a * m0));
        e1 += w * (m1 + shrink * (x1 - a * m1));
      });
      out[2 * i] = (x0 - a * (e0 / z)) / Math.sqrt(1 - ab);
      out[2 * i + 1] = (x1 - a * (e1 / z)) / Math.sqrt(1 - ab);
    }
    return tensor(out, { dtype: x.dtype }).reshape([b, 2]);
  };
}

export interface DiffusionView {
  schedule: NoiseSchedule;
  data: number[][];
  /** forward[t]: q(x_t | x_0) for every data point, t = 0 … T−1. */
  forward: number[][][];
  /** reverse[j]: the samples after j sampler steps (reverse[0] is pure noise); stepOf[j] its step. */
  reverse: number[][][];
  stepOf: number[];
  /** Energy distance of the final samples, and of a Gaussian fit, to fresh data. */
  energy: number;
  gaussianEnergy: number;
}

export interface ViewOptions { data: DataName; schedule: ScheduleKind; T: number; sampler: Sampler; ddimSteps: number; seed?: number }

export function diffusionView(o: ViewOptions): DiffusionView {
  const seed = o.seed ?? 0;
  const schedule = o.schedule === 'linear' ? noiseSchedule(o.T, 'linear', { betaStart: 1e-4 * (1000 / o.T), betaEnd: Math.min(0.02 * (1000 / o.T), 0.5) }) : noiseSchedule(o.T, 'cosine');
  const data = dataPoints(o.data, 300, seed);
  const X0 = tensor(data.flat(), { dtype: 'float64' }).reshape([data.length, 2]);
  const noise = randn([data.length, 2], { dtype: 'float64', generator: new Generator(seed + 1) });
  const forward = Array.from({ length: o.T }, (_, t) => qSample(X0, t, noise, schedule).toArray() as number[][]);
  const eps = idealEps(data, schedule);
  const g = new Generator(seed + 2);
  const n = 300;
  let x = randn([n, 2], { dtype: 'float64', generator: g });
  const reverse = [x.toArray() as number[][]];
  const stepOf = [o.T - 1];
  const tt = (t: number) => tensor(new Array<number>(n).fill(t), { dtype: 'float64' });
  if (o.sampler === 'ddpm') {
    for (let t = o.T - 1; t >= 0; t--) {
      x = ddpmStep(x, eps(x, tt(t)), t, schedule, randn([n, 2], { dtype: 'float64', generator: g }));
      reverse.push(x.toArray() as number[][]);
      stepOf.push(t - 1);
    }
  } else {
    const k = Math.max(1, Math.min(o.ddimSteps, o.T));
    const seq = Array.from({ length: k }, (_, i) => Math.round(((o.T - 1) * (k - 1 - i)) / Math.max(1, k - 1)));
    seq.forEach((t, i) => {
      const prev = i + 1 < k ? seq[i + 1] : -1;
      x = ddimStep(x, eps(x, tt(t)), t, prev, schedule);
      reverse.push(x.toArray() as number[][]);
      stepOf.push(prev);
    });
  }
  const fresh = tensor(dataPoints(o.data, 300, seed + 100).flat(), { dtype: 'float64' }).reshape([300, 2]);
  const gauss = randn([300, 2], { dtype: 'float64', generator: new Generator(seed + 3) }).mul(X0.std(0)).add(X0.mean(0));
  return { schedule, data, forward, reverse, stepOf, energy: energyDistance(x, fresh), gaussianEnergy: energyDistance(gauss, fresh) };
}
