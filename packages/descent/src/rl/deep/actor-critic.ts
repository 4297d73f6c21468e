/**
 * The pieces on-policy agents share: an actor-critic network (separate policy and value MLPs,
 * SB3's `MlpPolicy` layout), generalized advantage estimation, and a rollout collector over
 * several environment copies that bootstraps truncated episodes from their final observation.
 *
 * ```ts
 * const { advantages, returns } = computeGae({ rewards, values, dones, lastValues, gamma: 0.99, gaeLambda: 0.95 });
 * ```
 */
import type { Generator } from '../../random/index.js';
import { noGrad, tensor, type Tensor } from '../../tensor/index.js';
import { Module, type Parameter, type Sequential } from '../../nn/index.js';
import type { Env } from '../env.js';
import type { Space } from '../spaces.js';
import { SyncVectorEnv } from '../wrappers.js';
import { Categorical, DiagGaussian, logStdParameter, mlp, obsBatch } from './networks.js';

export interface ActorCriticOptions {
  hiddenSizes?: readonly number[];
  activation?: 'relu' | 'tanh';
  /** Initial log standard deviation of a Gaussian policy. */
  logStdInit?: number;
}

/** π(a | s) and V(s) as two MLPs; a Gaussian policy adds a state-independent log std. */
export class ActorCritic extends Module {
  readonly actor: Sequential;
  readonly critic: Sequential;
  readonly logStd: Parameter | null;

  constructor(readonly obsDim: number, readonly actionSize: number, readonly continuous: boolean, options: ActorCriticOptions = {}) {
    super();
    const hidden = options.hiddenSizes ?? [64, 64];
    const activation = options.activation ?? 'tanh';
    this.actor = mlp([obsDim, ...hidden, actionSize], { activation, outputGain: 0.01 });
    this.critic = mlp([obsDim, ...hidden, 1], { activation, outputGain: 1 });
    this.logStd = continuous ? logStdParameter(actionSize, options.logStdInit ?? 0) : null;
  }

  /** The actor's output: logits, or the Gaussian's mean. */
  forward(obs: Tensor): Tensor {
    return this.actor.forward(obs);
  }

  dist(obs: Tensor): Categorical | DiagGaussian {
    const out = this.actor.forward(obs);
    return this.logStd ? new DiagGaussian(out, this.logStd) : new Categorical(out);
  }

  value(obs: Tensor): Tensor {
    return this.critic.forward(obs).squeeze(1);
  }

  /** Greedy (mean or most probable) actions for a batch of observations. */
  actGreedy(observations: readonly ArrayLike<number>[]): (number | Float32Array)[] {
    return noGrad(() => {
      const d = this.dist(obsBatch(observations));
      const m = d.mode();
      return d instanceof Categorical ? Array.from(m as Int32Array) : splitRows(m as Float32Array, this.actionSize);
    });
  }
}

export function splitRows(flat: Float32Array, width: number): Float32Array[] {
  return Array.from({ length: flat.length / width }, (_, i) => flat.slice(i * width, (i + 1) * width));
}

export interface GaeInput {
  /** (steps × envs), row-major by step. */
  rewards: Float32Array;
  values: Float32Array;
  /** 1 where the episode ended after that step (the next value is not this episode's). */
  dones: Float32Array;
  /** V of the observation after the last step, one per env. */
  lastValues: Float32Array;
  gamma: number;
  gaeLambda: number;
}

/**
 * Generalized advantage estimation (Schulman et al. 2016): Â_t = Σ_k (γλ)^k δ_{t+k} with
 * δ_t = r_t + γ·V(s_{t+1})·(1 − done_t) − V(s_t), computed backwards; the value targets are
 * Â_t + V(s_t). λ = 1 gives Monte Carlo returns minus the baseline, λ = 0 one-step TD.
 */
export function computeGae(input: GaeInput): { advantages: Float32Array; returns: Float32Array } {
  const { rewards, values, dones, lastValues, gamma, gaeLambda } = input;
  const nEnvs = lastValues.length;
  if (rewards.length !== values.length || rewards.length !== dones.length || rewards.length % nEnvs !== 0) {
    throw new RangeError(`computeGae: rewards, values and dones must all have steps × envs entries (envs = ${nEnvs}), got ${rewards.length}, ${values.length} and ${dones.length}`);
  }
  const steps = rewards.length / nEnvs;
  const advantages = new Float32Array(rewards.length);
  const returns = new Float32Array(rewards.length);
  for (let e = 0; e < nEnvs; e++) {
    let lastGae = 0;
    for (let t = steps - 1; t >= 0; t--) {
      const i = t * nEnvs + e;
      const notDone = 1 - dones[i];
      const nextValue = t === steps - 1 ? lastValues[e] : values[i + nEnvs];
      const delta = rewards[i] + gamma * nextValue * notDone - values[i];
      lastGae = delta + gamma * gaeLambda * notDone * lastGae;
      advantages[i] = lastGae;
      returns[i] = lastGae + values[i];
    }
  }
  return { advantages, returns };
}

/** One rollout of `steps` steps on every env copy, flattened step-major. */
export interface Rollout {
  obs: Float32Array;
  actions: Float32Array;
  logProbs: Float32Array;
  values: Float32Array;
  rewards: Float32Array;
  dones: Float32Array;
  lastValues: Float32Array;
}

/** Finished episodes seen while collecting. */
export interface EpisodeLog {
  returns: number[];
  lengths: number[];
}

/**
 * Steps a vector of environments with actions sampled from the policy. A truncated episode's
 * reward gets γ·V(final observation) added, so cutting an episode at a time limit does not look
 * like a terminal state to the advantage estimate (SB3 does the same).
 */
export class RolloutCollector {
  readonly envs: SyncVectorEnv<ArrayLike<number>, number | ArrayLike<number>>;
  private obs: ArrayLike<number>[];
  private readonly running: Float64Array;
  private readonly lengths: Int32Array;

  constructor(
    makeEnv: () => Env<ArrayLike<number>, number | ArrayLike<number>>,
    nEnvs: number,
    seed: number,
    private readonly policy: ActorCritic,
    private readonly gen: Generator,
    private readonly gamma: number,
  ) {
    this.envs = new SyncVectorEnv(Array.from({ length: nEnvs }, makeEnv));
    [this.obs] = this.envs.reset({ seed });
    this.running = new Float64Array(nEnvs);
    this.lengths = new Int32Array(nEnvs);
  }

  collect(steps: number, log: EpisodeLog): Rollout {
    const n = this.envs.numEnvs, d = this.policy.obsDim, k = this.policy.continuous ? this.policy.actionSize : 1;
    const r: Rollout = {
      obs: new Float32Array(steps * n * d), actions: new Float32Array(steps * n * k), logProbs: new Float32Array(steps * n),
      values: new Float32Array(steps * n), rewards: new Float32Array(steps * n), dones: new Float32Array(steps * n), lastValues: new Float32Array(n),
    };
    const space = this.envs.singleActionSpace;
    for (let t = 0; t < steps; t++) {
      const x = obsBatch(this.obs);
      r.obs.set(x.toTypedArray(), t * n * d);
      const { actions, logp, values } = noGrad(() => {
        const dist = this.policy.dist(x);
        const a = dist.sample(this.gen);
        const at = dist instanceof Categorical ? tensorOf(a, [n], 'int32') : tensorOf(a, [n, k], 'float32');
        return { actions: a, logp: dist.logProb(at).toTypedArray(), values: this.policy.value(x).toTypedArray() };
      });
      r.actions.set(actions, t * n * k);
      r.logProbs.set(logp, t * n);
      r.values.set(values, t * n);
      const envActions = this.policy.continuous ? splitRows(actions as Float32Array, k).map((a) => clipToBox(a, space)) : Array.from(actions as Int32Array);
      const [next, rewards, terminated, truncated, infos] = this.envs.step(envActions);
      for (let e = 0; e < n; e++) {
        let reward = rewards[e];
        this.running[e] += rewards[e];
        this.lengths[e]++;
        const done = terminated[e] || truncated[e];
        if (truncated[e] && !terminated[e]) {
          const final = infos[e].finalObservation as ArrayLike<number>;
          reward += this.gamma * noGrad(() => this.policy.value(obsBatch([final])).item());
        }
        r.rewards[t * n + e] = reward;
        r.dones[t * n + e] = done ? 1 : 0;
        if (done) {
          log.returns.push(this.running[e]);
          log.lengths.push(this.lengths[e]);
          this.running[e] = 0;
          this.lengths[e] = 0;
        }
      }
      this.obs = next;
    }
    r.lastValues.set(noGrad(() => this.policy.value(obsBatch(this.obs)).toTypedArray()));
    return r;
  }
}


function tensorOf(data: Int32Array | Float32Array, shape: number[], dtype: 'int32' | 'float32'): Tensor {
  return tensor(data, { dtype }).reshape(shape);
}

function clipToBox(a: Float32Array, space: Space): Float32Array {
  if (space.kind !== 'box') return a;
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.min(space.high[i], Math.max(space.low[i], a[i]));
  return out;
}

/** 1 − Var(y − ŷ) / Var(y): how much of the returns' variance the critic explains. */
export function explainedVariance(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  const n = actual.length;
  let my = 0, mr = 0;
  for (let i = 0; i < n; i++) { my += actual[i]; mr += actual[i] - predicted[i]; }
  my /= n; mr /= n;
  let vy = 0, vr = 0;
  for (let i = 0; i < n; i++) { vy += (actual[i] - my) ** 2; vr += (actual[i] - predicted[i] - mr) ** 2; }
  return vy === 0 ? NaN : 1 - vr / vy;
}
