/**
 * Vectorized environments and observation normalization, as Gymnasium's `SyncVectorEnv`
 * and `NormalizeObservation` do them: the pieces policy-gradient agents (A2C, PPO) train on.
 *
 * ```ts
 * const envs = new SyncVectorEnv(Array.from({ length: 4 }, () => makeCartPole()));
 * let [obs] = envs.reset({ seed: 0 });          // seeds 0, 1, 2, 3
 * const [next, rewards, terminated, truncated, infos] = envs.step([0, 1, 1, 0]);
 * ```
 */
import type { Env, Info, ResetOptions, StepResult } from './env.js';
import type { Box, Space } from './spaces.js';

/**
 * Steps several copies of an environment in lockstep. A copy whose episode ends is reset at
 * once: its slot in the returned observations holds the first observation of the new
 * episode, and its info holds the last one of the old episode as `finalObservation` (the
 * same-step autoreset of Gymnasium 0.29).
 */
export class SyncVectorEnv<O, A> {
  constructor(readonly envs: readonly Env<O, A>[]) {
    if (envs.length === 0) throw new RangeError('SyncVectorEnv: needs at least one environment');
  }
  get numEnvs(): number {
    return this.envs.length;
  }
  get singleObservationSpace(): Space {
    return this.envs[0].observationSpace;
  }
  get singleActionSpace(): Space {
    return this.envs[0].actionSpace;
  }

  /** Resets every copy; with `seed`, copy i gets seed + i (as Gymnasium seeds vector envs). */
  reset(opts: ResetOptions = {}): [O[], Info[]] {
    const results = this.envs.map((env, i) => env.reset({ ...opts, ...(opts.seed !== undefined ? { seed: opts.seed + i } : {}) }));
    return [results.map((r) => r[0]), results.map((r) => r[1])];
  }

  step(actions: readonly A[]): [O[], Float64Array, boolean[], boolean[], Info[]] {
    if (actions.length !== this.envs.length) throw new RangeError(`SyncVectorEnv.step: got ${actions.length} actions for ${this.envs.length} environments`);
    const obs: O[] = [], infos: Info[] = [], terminated: boolean[] = [], truncated: boolean[] = [];
    const rewards = new Float64Array(this.envs.length);
    this.envs.forEach((env, i) => {
      const [o, r, te, tr, info] = env.step(actions[i]);
      rewards[i] = r;
      terminated.push(te);
      truncated.push(tr);
      if (te || tr) {
        const [o0, info0] = env.reset();
        obs.push(o0);
        infos.push({ ...info0, finalObservation: o, finalInfo: info });
      } else {
        obs.push(o);
        infos.push(info);
      }
    });
    return [obs, rewards, terminated, truncated, infos];
  }
}

/**
 * Running mean and variance of a stream of vectors (Chan et al.'s parallel update, one
 * sample at a time), started as Gymnasium's RunningMeanStd is: mean 0, variance 1, weight 1e-4.
 */
export class RunningMeanStd {
  mean: Float64Array;
  var: Float64Array;
  count = 1e-4;
  constructor(size: number) {
    this.mean = new Float64Array(size);
    this.var = new Float64Array(size).fill(1);
  }
  update(x: ArrayLike<number>): void {
    const tot = this.count + 1;
    for (let i = 0; i < this.mean.length; i++) {
      const delta = x[i] - this.mean[i];
      const m2 = this.var[i] * this.count + (delta * delta * this.count) / tot;
      this.mean[i] += delta / tot;
      this.var[i] = m2 / tot;
    }
    this.count = tot;
  }
}

/**
 * Standardizes vector observations with running statistics: (x − mean) / √(var + ε), the
 * statistics updated with each observation before it is normalized. Set `training = false`
 * to freeze them for evaluation.
 */
export class NormalizeObservation<A> implements Env<Float64Array, A> {
  readonly rms: RunningMeanStd;
  training = true;
  constructor(readonly env: Env<Float64Array, A>, readonly epsilon = 1e-8) {
    const space = env.observationSpace;
    if (space.kind !== 'box') throw new TypeError('NormalizeObservation: needs a Box observation space (vector observations)');
    this.rms = new RunningMeanStd((space as Box).low.length);
  }
  get observationSpace(): Space {
    return this.env.observationSpace;
  }
  get actionSpace(): Space {
    return this.env.actionSpace;
  }
  private normalize(x: Float64Array): Float64Array {
    if (this.training) this.rms.update(x);
    return Float64Array.from(x, (v, i) => (v - this.rms.mean[i]) / Math.sqrt(this.rms.var[i] + this.epsilon));
  }
  reset(opts?: ResetOptions): [Float64Array, Info] {
    const [o, info] = this.env.reset(opts);
    return [this.normalize(o), info];
  }
  step(action: A): StepResult<Float64Array> {
    const [o, r, te, tr, info] = this.env.step(action);
    return [this.normalize(o), r, te, tr, info];
  }
}
