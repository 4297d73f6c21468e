/**
 * Denoising diffusion probabilistic models (Ho et al. 2020, "DDPM") and DDIM sampling
 * (Song et al. 2021).
 *
 * The forward process adds Gaussian noise in T small steps, q(x_t | x_{t−1}) =
 * N(√(1−β_t)·x_{t−1}, β_t·I), which composes to the closed form
 *
 *   x_t = √ᾱ_t·x_0 + √(1−ᾱ_t)·ε,   ε ~ N(0, I),   ᾱ_t = Π_{s≤t} (1 − β_s).
 *
 * A network ε_θ(x_t, t) learns to predict ε (the simplified loss, Ho et al. eq. 14), and the
 * reverse process walks back from pure noise with it. Steps are numbered 0 … T−1 here (as in
 * diffusers), so the paper's t is our t + 1, and ᾱ before step 0 is 1.
 */
import { tensor, randn, randint, concat, noGrad, Generator, type Tensor } from '../tensor/index.js';
import { fmtShape } from '../tensor/shape.js';
import { Module } from '../nn/module.js';
import { Linear } from '../nn/layers/linear.js';
import { mseLoss } from '../nn/functional/losses.js';

/** β_t, α_t = 1 − β_t and ᾱ_t for t = 0 … T−1. */
export interface NoiseSchedule {
  readonly T: number;
  readonly kind: 'linear' | 'cosine';
  readonly betas: Float64Array;
  readonly alphas: Float64Array;
  readonly alphaBars: Float64Array;
}

export interface ScheduleOptions {
  /** Linear schedule's first and last β (Ho et al.: 1e-4 and 0.02 for T = 1000). */
  betaStart?: number;
  betaEnd?: number;
  /** Cosine schedule's offset s (Nichol & Dhariwal: 0.008) and cap on β (0.999). */
  s?: number;
  maxBeta?: number;
}

/**
 * A noise schedule of T steps. 'linear': β evenly spaced from betaStart to betaEnd (Ho et
 * al. 2020). 'cosine': ᾱ(t) = f(t)/f(0) with f(t) = cos²((t/T + s)/(1 + s)·π/2), and
 * β_t = min(1 − ᾱ(t+1)/ᾱ(t), maxBeta) (Nichol & Dhariwal 2021, eq. 17): it destroys
 * information more evenly, where the linear one makes the last steps nearly pure noise.
 *
 * ```ts
 * const sched = noiseSchedule(1000, 'cosine');
 * sched.alphaBars[999];   // ≈ 0: x_T is (almost) pure noise
 * ```
 */
export function noiseSchedule(T: number, kind: 'linear' | 'cosine' = 'linear', options: ScheduleOptions = {}): NoiseSchedule {
  if (!Number.isInteger(T) || T < 1) throw new RangeError(`noiseSchedule: T must be an integer >= 1, got ${T}`);
  const betas = new Float64Array(T);
  if (kind === 'linear') {
    const { betaStart = 1e-4, betaEnd = 0.02 } = options;
    if (!(betaStart > 0 && betaEnd >= betaStart && betaEnd < 1)) {
      throw new RangeError(`noiseSchedule: need 0 < betaStart <= betaEnd < 1, got ${betaStart} and ${betaEnd}`);
    }
    for (let t = 0; t < T; t++) betas[t] = T === 1 ? betaStart : betaStart + ((betaEnd - betaStart) * t) / (T - 1);
  } else if (kind === 'cosine') {
    const { s = 0.008, maxBeta = 0.999 } = options;
    if (!(s >= 0) || !(maxBeta > 0 && maxBeta <= 1)) throw new RangeError(`noiseSchedule: need s >= 0 and 0 < maxBeta <= 1, got ${s} and ${maxBeta}`);
    const f = (t: number): number => Math.cos(((t / T + s) / (1 + s)) * (Math.PI / 2)) ** 2;
    for (let t = 0; t < T; t++) betas[t] = Math.min(1 - f(t + 1) / f(t), maxBeta);
  } else {
    throw new RangeError(`noiseSchedule: kind must be 'linear' or 'cosine', got '${String(kind)}'`);
  }
  const alphas = betas.map((b) => 1 - b);
  const alphaBars = new Float64Array(T);
  let prod = 1;
  for (let t = 0; t < T; t++) alphaBars[t] = prod *= alphas[t];
  return { T, kind, betas, alphas, alphaBars };
}

function steps(fn: string, t: number | readonly number[], b: number, T: number): number[] {
  const ts = typeof t === 'number' ? new Array<number>(b).fill(t) : [...t];
  if (ts.length !== b) throw new RangeError(`${fn}: t must be one step or one per sample (${b}), got ${ts.length}`);
  for (const v of ts) if (!Number.isInteger(v) || v < 0 || v >= T) throw new RangeError(`${fn}: steps must be integers in [0, ${T - 1}], got ${v}`);
  return ts;
}

/** Per-sample coefficients as a (B, 1, …) tensor that broadcasts against x. */
function coef(values: number[], like: Tensor): Tensor {
  return tensor(values, { dtype: like.dtype }).reshape([values.length, ...like.shape.slice(1).map(() => 1)]);
}

/**
 * Draws x_t ~ q(x_t | x_0) in closed form: √ᾱ_t·x_0 + √(1−ᾱ_t)·noise. x0 and noise (B, …);
 * t one step or one per sample.
 *
 * ```ts
 * const xt = qSample(x0, [0, 500, 999], randn(x0.shape), sched);
 * ```
 */
export function qSample(x0: Tensor, t: number | readonly number[], noise: Tensor, schedule: NoiseSchedule): Tensor {
  if (x0.ndim < 1 || x0.shape.length !== noise.shape.length || x0.shape.some((d, i) => d !== noise.shape[i])) {
    throw new RangeError(`qSample: x0 and noise must have one shape (B, …), got ${fmtShape(x0.shape)} and ${fmtShape(noise.shape)}`);
  }
  const ts = steps('qSample', t, x0.shape[0], schedule.T);
  const ab = ts.map((s) => schedule.alphaBars[s]);
  return x0.mul(coef(ab.map(Math.sqrt), x0)).add(noise.mul(coef(ab.map((a) => Math.sqrt(1 - a)), x0)));
}

/** A noise-prediction network: ε̂ = model(x_t, t), with t a float tensor (B,) of step indices. */
export type EpsModel = (xt: Tensor, t: Tensor) => Tensor;

/**
 * One Monte-Carlo estimate of the simplified DDPM loss (Ho et al. eq. 14, algorithm 1):
 * t ~ U{0, …, T−1}, ε ~ N(0, I), ‖ε − ε_θ(√ᾱ_t x_0 + √(1−ᾱ_t) ε, t)‖², mean over elements.
 *
 * ```ts
 * const loss = ddpmLoss((x, t) => net.forward(x, t), batch, sched);
 * opt.zeroGrad(); loss.backward(); opt.step();
 * ```
 */
export function ddpmLoss(model: EpsModel, x0: Tensor, schedule: NoiseSchedule, options: { generator?: Generator } = {}): Tensor {
  const g = options.generator ? { generator: options.generator } : {};
  const b = x0.shape[0];
  const t = Array.from(randint(0, schedule.T, [b], g).toTypedArray());
  const noise = randn(x0.shape, { dtype: x0.dtype, ...g });
  const xt = qSample(x0, t, noise, schedule);
  return mseLoss(model(xt, tensor(t, { dtype: x0.dtype })), noise);
}

/**
 * One ancestral step x_t → x_{t−1} (Ho et al. eq. 11, algorithm 2):
 * (x_t − β_t/√(1−ᾱ_t)·ε̂)/√α_t + σ_t·z, with σ_t² = β̃_t = β_t(1−ᾱ_{t−1})/(1−ᾱ_t) (the
 * posterior variance) and no noise at the last step t = 0.
 */
export function ddpmStep(xt: Tensor, epsHat: Tensor, t: number | readonly number[], schedule: NoiseSchedule, z: Tensor): Tensor {
  const ts = steps('ddpmStep', t, xt.shape[0], schedule.T);
  const { betas, alphas, alphaBars } = schedule;
  const mean = xt.sub(epsHat.mul(coef(ts.map((s) => betas[s] / Math.sqrt(1 - alphaBars[s])), xt))).mul(coef(ts.map((s) => 1 / Math.sqrt(alphas[s])), xt));
  const sigma = ts.map((s) => (s === 0 ? 0 : Math.sqrt((betas[s] * (1 - alphaBars[s - 1])) / (1 - alphaBars[s]))));
  return mean.add(z.mul(coef(sigma, xt)));
}

/**
 * One DDIM step from t to an earlier tPrev (−1 for the final step to x_0) (Song et al. 2021,
 * eq. 12): predict x̂_0 = (x_t − √(1−ᾱ_t)·ε̂)/√ᾱ_t, then
 * x_prev = √ᾱ_prev·x̂_0 + √(1−ᾱ_prev−σ²)·ε̂ + σ·z with
 * σ = η·√((1−ᾱ_prev)/(1−ᾱ_t))·√(1−ᾱ_t/ᾱ_prev). η = 0 is deterministic; η = 1 matches DDPM's
 * variance. Skipping steps is what makes it fast: the same trained ε_θ, 20 steps instead of 1000.
 */
export function ddimStep(xt: Tensor, epsHat: Tensor, t: number | readonly number[], tPrev: number | readonly number[], schedule: NoiseSchedule, options: { eta?: number; z?: Tensor } = {}): Tensor {
  const { eta = 0 } = options;
  const b = xt.shape[0];
  const ts = steps('ddimStep', t, b, schedule.T);
  const tp = typeof tPrev === 'number' ? new Array<number>(b).fill(tPrev) : [...tPrev];
  tp.forEach((p, i) => { if (!Number.isInteger(p) || p < -1 || p >= ts[i]) throw new RangeError(`ddimStep: tPrev must be an integer in [-1, t), got ${p} for t = ${ts[i]}`); });
  const ab = ts.map((s) => schedule.alphaBars[s]);
  const abp = tp.map((p) => (p < 0 ? 1 : schedule.alphaBars[p]));
  const sigma = ab.map((a, i) => eta * Math.sqrt(((1 - abp[i]) / (1 - a)) * (1 - a / abp[i])));
  const x0Hat = xt.sub(epsHat.mul(coef(ab.map((a) => Math.sqrt(1 - a)), xt))).mul(coef(ab.map((a) => 1 / Math.sqrt(a)), xt));
  let out = x0Hat.mul(coef(abp.map(Math.sqrt), xt)).add(epsHat.mul(coef(abp.map((a, i) => Math.sqrt(Math.max(0, 1 - a - sigma[i] ** 2))), xt)));
  if (eta > 0) {
    if (!options.z) throw new RangeError('ddimStep: eta > 0 needs the noise z');
    out = out.add(options.z.mul(coef(sigma, xt)));
  }
  return out;
}

export interface SampleOptions {
  generator?: Generator;
  dtype?: 'float32' | 'float64';
  /** Called with each x_t after the step that produced it (for drawing the trajectory). */
  onStep?: (xt: Tensor, t: number) => void;
  /** The starting noise x_{T−1} (of shape `shape`) instead of a fresh draw: fixed inputs for a deterministic DDIM run. */
  init?: Tensor;
}

function startNoise(fn: string, shape: readonly number[], options: SampleOptions, dtype: 'float32' | 'float64', g: { generator?: Generator }): Tensor {
  const { init } = options;
  if (!init) return randn(shape, { dtype, ...g });
  if (init.shape.length !== shape.length || init.shape.some((d, i) => d !== shape[i])) {
    throw new RangeError(`${fn}: init must have the sample shape ${fmtShape(shape)}, got ${fmtShape(init.shape)}`);
  }
  return init.astype(dtype);
}

/**
 * Ancestral sampling (Ho et al. algorithm 2): x_{T−1} ~ N(0, I), then T steps of `ddpmStep`.
 *
 * ```ts
 * const samples = ddpmSample((x, t) => net.forward(x, t), sched, [500, 2]);
 * ```
 */
export function ddpmSample(model: EpsModel, schedule: NoiseSchedule, shape: readonly number[], options: SampleOptions = {}): Tensor {
  const g = options.generator ? { generator: options.generator } : {};
  const dtype = options.dtype ?? 'float32';
  return noGrad(() => {
    let x = startNoise('ddpmSample', shape, options, dtype, g);
    for (let t = schedule.T - 1; t >= 0; t--) {
      const eps = model(x, tensor(new Array<number>(shape[0]).fill(t), { dtype }));
      x = ddpmStep(x, eps, t, schedule, t > 0 ? randn(shape, { dtype, ...g }) : x.mul(0));
      options.onStep?.(x, t - 1);
    }
    return x;
  });
}

/**
 * DDIM sampling with `steps` evenly spaced steps (Song et al. 2021 §4.2): the same ε-model as
 * DDPM, deterministic for η = 0.
 *
 * ```ts
 * const samples = ddimSample((x, t) => net.forward(x, t), sched, [500, 2], { steps: 20 });
 * ```
 */
export function ddimSample(model: EpsModel, schedule: NoiseSchedule, shape: readonly number[], options: SampleOptions & { steps?: number; eta?: number } = {}): Tensor {
  const { steps: n = 50, eta = 0 } = options;
  if (!Number.isInteger(n) || n < 1 || n > schedule.T) throw new RangeError(`ddimSample: steps must be an integer in [1, ${schedule.T}], got ${n}`);
  const g = options.generator ? { generator: options.generator } : {};
  const dtype = options.dtype ?? 'float32';
  // Evenly spaced descending steps ending at 0, e.g. T = 1000, n = 4 → 999, 666, 333, 0.
  const seq = Array.from({ length: n }, (_, i) => Math.round(((schedule.T - 1) * (n - 1 - i)) / Math.max(1, n - 1)));
  return noGrad(() => {
    let x = startNoise('ddimSample', shape, options, dtype, g);
    seq.forEach((t, i) => {
      const tPrev = i + 1 < seq.length ? seq[i + 1] : -1;
      const eps = model(x, tensor(new Array<number>(shape[0]).fill(t), { dtype }));
      x = ddimStep(x, eps, t, tPrev, schedule, eta > 0 ? { eta, z: randn(shape, { dtype, ...g }) } : {});
      options.onStep?.(x, tPrev);
    });
    return x;
  });
}

/**
 * Sinusoidal embedding of step indices (Vaswani et al. 2017 §3.5, used by Ho et al.):
 * t (B,) → (B, dim), [sin(t·ω_k), cos(t·ω_k)] with ω_k = 10000^(−k/(dim/2)).
 */
export function timestepEmbedding(t: Tensor, dim: number): Tensor {
  if (!Number.isInteger(dim) || dim < 2 || dim % 2 !== 0) throw new RangeError(`timestepEmbedding: dim must be an even integer >= 2, got ${dim}`);
  const half = dim / 2;
  const freqs = tensor(Array.from({ length: half }, (_, k) => Math.exp((-Math.log(10000) * k) / half)), { dtype: t.dtype });
  const args = t.reshape([-1, 1]).mul(freqs.reshape([1, half])); // (B, half)
  return concat([args.sin(), args.cos()], 1);
}

/**
 * A small ε-network for low-dimensional data: an MLP on [x, embedding(t)] with ReLU layers,
 * the time embedding concatenated to each layer's input — enough for 2-D toy distributions. x (B, d), t (B,) → ε̂ (B, d).
 *
 * ```ts
 * const net = new Denoiser(2, { hidden: 128, timeDim: 32 });
 * const loss = ddpmLoss((x, t) => net.forward(x, t), batch, noiseSchedule(100, 'cosine'));
 * ```
 */
export class Denoiser extends Module {
  readonly fc1: Linear;
  readonly fc2: Linear;
  readonly fc3: Linear;
  readonly out: Linear;
  readonly timeDim: number;
  constructor(readonly dim: number, options: { hidden?: number; timeDim?: number } = {}) {
    super();
    const { hidden = 128, timeDim = 32 } = options;
    this.timeDim = timeDim;
    this.fc1 = new Linear(dim + timeDim, hidden);
    this.fc2 = new Linear(hidden + timeDim, hidden);
    this.fc3 = new Linear(hidden + timeDim, hidden);
    this.out = new Linear(hidden, dim);
  }
  forward(x: Tensor, t: Tensor): Tensor {
    const e = timestepEmbedding(t, this.timeDim); // (B, timeDim), fed to every layer
    let h = this.fc1.forward(concat([x, e], 1)).relu();
    h = this.fc2.forward(concat([h, e], 1)).relu();
    h = this.fc3.forward(concat([h, e], 1)).relu();
    return this.out.forward(h);
  }
}
