/**
 * What the deep agents share: checks of their environment and options with messages that name
 * the fix, soft and hard target-network updates, and an evaluation loop that runs many
 * episodes side by side so the policy sees one batch per step.
 *
 * ```ts
 * const returns = evaluatePolicy(() => makeCartPole(), (obs) => obs.map((o) => (o[2] > 0 ? 1 : 0)), { episodes: 10 });
 * ```
 */
import { noGrad } from '../../tensor/index.js';
import type { Module } from '../../nn/index.js';
import type { Env } from '../env.js';

/** What every agent's callback receives at the end of an episode. */
export interface EpisodeReport {
  /** Environment steps so far. */
  step: number;
  episode: number;
  episodeReturn: number;
  episodeLength: number;
}

export function positiveInt(owner: string, name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${owner}: ${name} must be an integer >= 1, got ${v}`);
  return v;
}

export function unitInterval(owner: string, name: string, v: number): number {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${owner}: ${name} must be in [0, 1], got ${v}`);
  return v;
}

export function positive(owner: string, name: string, v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${owner}: ${name} must be a finite number > 0, got ${v}`);
  return v;
}

/** Checks the spaces an agent needs and returns their sizes. */
export function checkAgentEnv(owner: string, env: Env<unknown, unknown>, actions: 'discrete' | 'box' | 'any'): { obsDim: number; nActions: number; actionDim: number; continuous: boolean } {
  const os = env?.observationSpace;
  if (!os || os.kind !== 'box' || os.shape.length !== 1) {
    throw new TypeError(`${owner}: needs an environment with a Box observation space (vector observations); for Discrete states use the tabular agents (qLearning, sarsa) or one-hot encode the state`);
  }
  const as = env.actionSpace;
  if (actions === 'discrete' && as.kind !== 'discrete') {
    throw new TypeError(`${owner}: needs a Discrete action space; for continuous actions (a Box) use ppo`);
  }
  if (actions === 'box' && as.kind !== 'box') throw new TypeError(`${owner}: needs a Box action space`);
  const continuous = as.kind === 'box';
  return { obsDim: os.shape[0], nActions: as.kind === 'discrete' ? as.n : 0, actionDim: continuous ? as.shape[0] : 1, continuous };
}

/** θ_target ← τ·θ + (1 − τ)·θ_target for every parameter (τ = 1 copies). */
export function copyParams(target: Module, source: Module, tau: number): void {
  const src = source.parameters();
  const dst = target.parameters();
  noGrad(() => {
    dst.forEach((p, i) => {
      p.copy_(tau === 1 ? src[i] : p.mul(1 - tau).add(src[i].mul(tau)));
    });
  });
}

export interface EvaluateOptions {
  episodes?: number;
  /** Episode i runs with seed `seed + i`. */
  seed?: number;
}

/**
 * Runs `episodes` episodes of `policy` (a batch of observations in, one action per
 * observation out), all at once in lockstep, and returns each episode's return.
 */
export function evaluatePolicy<A>(makeEnv: () => Env<ArrayLike<number>, A>, policy: (observations: ArrayLike<number>[]) => A[], options: EvaluateOptions = {}): number[] {
  const episodes = positiveInt('evaluatePolicy', 'episodes', options.episodes ?? 10);
  const seed = options.seed ?? 10_000;
  const envs = Array.from({ length: episodes }, makeEnv);
  const obs = envs.map((env, i) => env.reset({ seed: seed + i })[0]);
  const returns = new Array<number>(episodes).fill(0);
  const live = envs.map((_, i) => i);
  while (live.length > 0) {
    const actions = policy(live.map((i) => obs[i]));
    if (actions.length !== live.length) throw new RangeError(`evaluatePolicy: the policy returned ${actions.length} actions for ${live.length} observations`);
    for (let k = live.length - 1; k >= 0; k--) {
      const i = live[k];
      const [next, reward, terminated, truncated] = envs[i].step(actions[k]);
      returns[i] += reward;
      obs[i] = next;
      if (terminated || truncated) live.splice(k, 1);
    }
  }
  return returns;
}
