/**
 * Multi-armed bandits (Sutton & Barto, ch. 2): k arms, each paying a reward from its own
 * distribution; the learner must balance trying arms (exploration) against pulling the one
 * that looks best (exploitation). Regret is what that costs: the expected reward of the best
 * arm minus that of the arm pulled, summed over time.
 *
 * ```ts
 * const curve = averageRegret(() => new BernoulliBandit([0.2, 0.5, 0.6]), () => new UCB1(), { runs: 50, steps: 1000 });
 * curve[999]; // mean cumulative regret after 1000 pulls
 * ```
 */
import { Generator } from '../random/index.js';
import { gammaSample } from '../stats/distributions/gamma.js';
import { BaseEnv, type Info, type ResetOptions, type StepResult } from './env.js';
import { Discrete } from './spaces.js';

/** A k-armed bandit as a one-state environment: the observation is always 0 and episodes never end. */
export abstract class Bandit extends BaseEnv<number, number> {
  readonly observationSpace = new Discrete(1);
  readonly actionSpace: Discrete;
  /** The expected reward of each arm. */
  abstract readonly means: readonly number[];
  constructor(k: number) {
    super();
    this.actionSpace = new Discrete(k);
  }
  get k(): number {
    return this.actionSpace.n;
  }
  /** The largest expected reward: what an oracle earns per pull. */
  get optimalMean(): number {
    return Math.max(...this.means);
  }
  reset(opts?: ResetOptions): [number, Info] {
    this.seedFrom(opts);
    return [0, {}];
  }
  step(action: number): StepResult<number> {
    if (!this.actionSpace.contains(action)) throw new RangeError(`${this.constructor.name}.step: action must be an arm in [0, ${this.k - 1}], got ${action}`);
    return [0, this.pull(action), false, false, {}];
  }
  protected abstract pull(arm: number): number;
}

/** Arm i pays 1 with probability `probs[i]`, else 0. */
export class BernoulliBandit extends Bandit {
  readonly means: readonly number[];
  constructor(probs: readonly number[]) {
    super(probs.length);
    probs.forEach((p, i) => {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`BernoulliBandit: probs[${i}] must be a probability in [0, 1], got ${p}`);
    });
    this.means = [...probs];
  }
  protected pull(arm: number): number {
    return this.rng.random() < this.means[arm] ? 1 : 0;
  }
}

/** Arm i pays a normal draw with mean `means[i]` and standard deviation `stds[i]` (default 1: Sutton & Barto's 10-armed testbed). */
export class GaussianBandit extends Bandit {
  readonly means: readonly number[];
  readonly stds: readonly number[];
  constructor(means: readonly number[], stds?: readonly number[]) {
    super(means.length);
    this.means = [...means];
    this.stds = stds ? [...stds] : means.map(() => 1);
    if (this.stds.length !== means.length) throw new RangeError(`GaussianBandit: stds has ${this.stds.length} entries, means has ${means.length}`);
    this.stds.forEach((s, i) => {
      if (!(s >= 0)) throw new RangeError(`GaussianBandit: stds[${i}] must be >= 0, got ${s}`);
    });
  }
  protected pull(arm: number): number {
    return this.rng.normal(this.means[arm], this.stds[arm]);
  }
}

/** A bandit learner: pick an arm, observe its reward, update. */
export interface BanditStrategy {
  readonly name: string;
  /** Forget everything and prepare for `k` arms. */
  reset(k: number): void;
  select(gen: Generator): number;
  update(arm: number, reward: number): void;
}

/** The index of the largest value, ties broken uniformly at random (so equal estimates do not favour arm 0). */
function argmaxRandomTies(xs: ArrayLike<number>, gen: Generator): number {
  let best = -Infinity, count = 0, pick = 0;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] > best) { best = xs[i]; count = 1; pick = i; }
    else if (xs[i] === best && gen.random() * ++count < 1) pick = i; // reservoir choice among ties
  }
  return pick;
}

/** Sample-average value estimates shared by the value-based strategies. */
abstract class ValueStrategy implements BanditStrategy {
  abstract readonly name: string;
  protected Q = new Float64Array(0);
  protected N = new Float64Array(0);
  protected t = 0;
  constructor(protected readonly initialValue = 0) {}
  reset(k: number): void {
    this.Q = new Float64Array(k).fill(this.initialValue);
    this.N = new Float64Array(k);
    this.t = 0;
  }
  abstract select(gen: Generator): number;
  /** Q ← Q + (r − Q) / N: the running mean of the arm's rewards. */
  update(arm: number, reward: number): void {
    this.t++;
    this.N[arm]++;
    this.Q[arm] += (reward - this.Q[arm]) / this.N[arm];
  }
  /** Current value estimates (a copy). */
  get values(): Float64Array {
    return Float64Array.from(this.Q);
  }
}

/**
 * ε-greedy: a random arm with probability ε, otherwise the arm with the best sample mean.
 * ε = 0 is pure greedy; an optimistic `initialValue` makes even greedy explore at first.
 *
 * ```ts
 * const s = new EpsilonGreedy({ epsilon: 0.1 });
 * ```
 */
export class EpsilonGreedy extends ValueStrategy {
  readonly epsilon: number;
  constructor(params: { epsilon?: number; initialValue?: number } = {}) {
    super(params.initialValue ?? 0);
    this.epsilon = params.epsilon ?? 0.1;
    if (!(this.epsilon >= 0 && this.epsilon <= 1)) throw new RangeError(`EpsilonGreedy: epsilon must be in [0, 1], got ${this.epsilon}`);
  }
  get name(): string {
    return `ε-greedy (ε = ${this.epsilon})`;
  }
  select(gen: Generator): number {
    if (gen.random() < this.epsilon) return gen.integers(0, this.Q.length);
    return argmaxRandomTies(this.Q, gen);
  }
}

/**
 * UCB1 (Auer, Cesa-Bianchi & Fischer 2002): pull each arm once, then the arm maximizing
 * Q(a) + c·√(ln t / N(a)). With c = √2 and rewards in [0, 1] the regret grows as O(log t).
 *
 * ```ts
 * const s = new UCB1({ c: Math.SQRT2 });
 * ```
 */
export class UCB1 extends ValueStrategy {
  readonly name = 'UCB1';
  readonly c: number;
  constructor(params: { c?: number } = {}) {
    super(0);
    this.c = params.c ?? Math.SQRT2;
    if (!(this.c >= 0)) throw new RangeError(`UCB1: c must be >= 0, got ${this.c}`);
  }
  select(gen: Generator): number {
    const k = this.Q.length;
    for (let a = 0; a < k; a++) if (this.N[a] === 0) return a;
    const logT = Math.log(this.t);
    const scores = Float64Array.from(this.Q, (q, a) => q + this.c * Math.sqrt(logT / this.N[a]));
    return argmaxRandomTies(scores, gen);
  }
}

/**
 * Thompson sampling for Bernoulli arms (Thompson 1933; Chapelle & Li 2011): keep a
 * Beta(α, β) posterior on each arm's success probability, draw one sample from each and pull
 * the arm whose sample is largest. Rewards must be 0 or 1.
 *
 * ```ts
 * const s = new ThompsonSampling(); // Beta(1, 1) priors
 * ```
 */
export class ThompsonSampling implements BanditStrategy {
  readonly name = 'Thompson sampling';
  private alpha = new Float64Array(0);
  private beta = new Float64Array(0);
  constructor(readonly prior: { alpha: number; beta: number } = { alpha: 1, beta: 1 }) {
    if (!(prior.alpha > 0 && prior.beta > 0)) throw new RangeError(`ThompsonSampling: prior alpha and beta must be > 0, got ${prior.alpha} and ${prior.beta}`);
  }
  reset(k: number): void {
    this.alpha = new Float64Array(k).fill(this.prior.alpha);
    this.beta = new Float64Array(k).fill(this.prior.beta);
  }
  select(gen: Generator): number {
    // Beta(α, β) = X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β).
    const draws = Float64Array.from(this.alpha, (a, i) => {
      const x = gammaSample(a, gen);
      return x / (x + gammaSample(this.beta[i], gen));
    });
    return argmaxRandomTies(draws, gen);
  }
  update(arm: number, reward: number): void {
    if (reward !== 0 && reward !== 1) throw new RangeError(`ThompsonSampling.update: Beta–Bernoulli Thompson sampling needs rewards 0 or 1, got ${reward}`);
    if (reward === 1) this.alpha[arm]++;
    else this.beta[arm]++;
  }
  /** Posterior means α / (α + β). */
  get values(): Float64Array {
    return Float64Array.from(this.alpha, (a, i) => a / (a + this.beta[i]));
  }
}

/**
 * Thompson sampling for Gaussian arms with known noise σ: a Normal(μ₀, τ₀²) prior on each
 * arm's mean, updated conjugately (posterior precision 1/τ₀² + n/σ², posterior mean the
 * precision-weighted average of μ₀ and the rewards); pull the arm whose posterior draw is largest.
 *
 * ```ts
 * const s = new GaussianThompsonSampling({ sigma: 1 });
 * ```
 */
export class GaussianThompsonSampling implements BanditStrategy {
  readonly name = 'Gaussian Thompson sampling';
  readonly mu0: number;
  readonly tau0: number;
  readonly sigma: number;
  private sum = new Float64Array(0);
  private n = new Float64Array(0);
  constructor(params: { mu0?: number; tau0?: number; sigma?: number } = {}) {
    this.mu0 = params.mu0 ?? 0;
    this.tau0 = params.tau0 ?? 1;
    this.sigma = params.sigma ?? 1;
    if (!(this.tau0 > 0 && this.sigma > 0)) throw new RangeError(`GaussianThompsonSampling: tau0 and sigma must be > 0, got ${this.tau0} and ${this.sigma}`);
  }
  reset(k: number): void {
    this.sum = new Float64Array(k);
    this.n = new Float64Array(k);
  }
  /** Posterior mean and standard deviation of arm a's mean reward. */
  posterior(a: number): { mean: number; std: number } {
    const precision = 1 / this.tau0 ** 2 + this.n[a] / this.sigma ** 2;
    const mean = (this.mu0 / this.tau0 ** 2 + this.sum[a] / this.sigma ** 2) / precision;
    return { mean, std: 1 / Math.sqrt(precision) };
  }
  select(gen: Generator): number {
    const draws = Float64Array.from(this.n, (_, a) => {
      const { mean, std } = this.posterior(a);
      return gen.normal(mean, std);
    });
    return argmaxRandomTies(draws, gen);
  }
  update(arm: number, reward: number): void {
    this.sum[arm] += reward;
    this.n[arm]++;
  }
}

/**
 * The gradient bandit (Sutton & Barto §2.8): preferences H turned into a softmax policy π,
 * moved by stochastic gradient ascent on expected reward:
 * H(a) ← H(a) + α (r − r̄)(1[a = A] − π(a)), with r̄ the running mean reward as baseline.
 *
 * ```ts
 * const s = new GradientBandit({ alpha: 0.1 });
 * ```
 */
export class GradientBandit implements BanditStrategy {
  readonly name: string;
  readonly alpha: number;
  readonly baseline: boolean;
  private H = new Float64Array(0);
  private pi = new Float64Array(0);
  private meanReward = 0;
  private t = 0;
  constructor(params: { alpha?: number; baseline?: boolean } = {}) {
    this.alpha = params.alpha ?? 0.1;
    this.baseline = params.baseline ?? true;
    if (!(this.alpha > 0)) throw new RangeError(`GradientBandit: alpha must be > 0, got ${this.alpha}`);
    this.name = `gradient bandit (α = ${this.alpha}${this.baseline ? '' : ', no baseline'})`;
  }
  reset(k: number): void {
    this.H = new Float64Array(k);
    this.pi = new Float64Array(k).fill(1 / k);
    this.meanReward = 0;
    this.t = 0;
  }
  select(gen: Generator): number {
    const u = gen.random();
    let c = 0;
    for (let a = 0; a < this.pi.length; a++) {
      c += this.pi[a];
      if (u < c) return a;
    }
    return this.pi.length - 1;
  }
  update(arm: number, reward: number): void {
    this.t++;
    // The baseline includes the current reward (Sutton & Barto 2nd ed., §2.8).
    if (this.baseline) this.meanReward += (reward - this.meanReward) / this.t;
    const adv = reward - this.meanReward;
    for (let a = 0; a < this.H.length; a++) this.H[a] += this.alpha * adv * ((a === arm ? 1 : 0) - this.pi[a]);
    // Softmax with the maximum subtracted, so large preferences cannot overflow.
    let max = -Infinity;
    for (const h of this.H) max = Math.max(max, h);
    let sum = 0;
    for (let a = 0; a < this.H.length; a++) sum += (this.pi[a] = Math.exp(this.H[a] - max));
    for (let a = 0; a < this.H.length; a++) this.pi[a] /= sum;
  }
  /** The current policy π (a copy). */
  get policy(): Float64Array {
    return Float64Array.from(this.pi);
  }
}

export interface BanditRun {
  actions: Int32Array;
  rewards: Float64Array;
  /** Cumulative expected regret after each pull: Σ (μ* − μ_{A_t}). */
  regret: Float64Array;
}

/**
 * Plays `strategy` on `bandit` for `steps` pulls. The bandit's rewards are seeded by `seed`
 * and the strategy's own randomness by an independent stream, so two strategies run with the
 * same seed face the same reward draws arm by arm.
 */
export function runBandit(bandit: Bandit, strategy: BanditStrategy, params: { steps: number; seed?: number }): BanditRun {
  const { steps, seed = 0 } = params;
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`runBandit: steps must be an integer >= 1, got ${steps}`);
  bandit.reset({ seed });
  strategy.reset(bandit.k);
  const gen = new Generator(seed + 0x9e3779b9);
  const best = bandit.optimalMean;
  const actions = new Int32Array(steps), rewards = new Float64Array(steps), regret = new Float64Array(steps);
  let total = 0;
  for (let t = 0; t < steps; t++) {
    const a = strategy.select(gen);
    const [, r] = bandit.step(a);
    strategy.update(a, r);
    actions[t] = a;
    rewards[t] = r;
    total += best - bandit.means[a];
    regret[t] = total;
  }
  return { actions, rewards, regret };
}

/**
 * The mean cumulative-regret curve over `runs` independent runs (seeds seed, seed + 1, ...):
 * the curve a regret plot draws.
 */
export function averageRegret(
  makeBandit: (run: number) => Bandit,
  makeStrategy: () => BanditStrategy,
  params: { runs: number; steps: number; seed?: number },
): Float64Array {
  const { runs, steps, seed = 0 } = params;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`averageRegret: runs must be an integer >= 1, got ${runs}`);
  const mean = new Float64Array(steps);
  for (let i = 0; i < runs; i++) {
    const { regret } = runBandit(makeBandit(i), makeStrategy(), { steps, seed: seed + i });
    for (let t = 0; t < steps; t++) mean[t] += regret[t] / runs;
  }
  return mean;
}
