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
import { renderOf, type Env, type Info, type ResetOptions, type StepResult } from './env.js';
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
  render(): string {
    return renderOf(this.env, 'NormalizeObservation');
  }
}

/**
 * Scales rewards so that the discounted return has roughly unit variance (Gymnasium's
 * `NormalizeReward`): it keeps the running discounted return R ← γ·R·(1 − terminated) + r,
 * tracks R's variance, and returns r / √(Var R + ε). The mean is not subtracted: shifting
 * rewards would change which policy is optimal, scaling does not.
 */
export class NormalizeReward<O, A> implements Env<O, A> {
  readonly rms = new RunningMeanStd(1);
  training = true;
  private ret = 0;
  constructor(readonly env: Env<O, A>, readonly gamma = 0.99, readonly epsilon = 1e-8) {
    if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`NormalizeReward: gamma must be in [0, 1], got ${gamma}`);
  }
  get observationSpace(): Space {
    return this.env.observationSpace;
  }
  get actionSpace(): Space {
    return this.env.actionSpace;
  }
  reset(opts?: ResetOptions): [O, Info] {
    this.ret = 0;
    return this.env.reset(opts);
  }
  step(action: A): StepResult<O> {
    const [o, r, te, tr, info] = this.env.step(action);
    this.ret = this.ret * this.gamma * (te ? 0 : 1) + r;
    if (this.training) this.rms.update([this.ret]);
    return [o, r / Math.sqrt(this.rms.var[0] + this.epsilon), te, tr, info];
  }
  render(): string {
    return renderOf(this.env, 'NormalizeReward');
  }
}

/**
 * Keeps the frames (`render()` output) of the episodes it is told to record: every episode
 * by default, or those for which `shouldRecord(episodeIndex)` is true. `episodes` holds the
 * finished recordings, oldest first, at most `maxEpisodes` of them.
 */
export class RecordFrames<O, A> implements Env<O, A> {
  readonly episodes: string[][] = [];
  private current: string[] | null = null;
  private episodeIndex = -1;
  constructor(
    readonly env: Env<O, A>,
    readonly options: { shouldRecord?: (episode: number) => boolean; maxEpisodes?: number } = {},
  ) {
    if (typeof env.render !== 'function') throw new TypeError('RecordFrames: the environment has no render(); wrap an environment that draws itself (CartPole, MountainCar, Pendulum, Acrobot, the grid worlds)');
  }
  get observationSpace(): Space {
    return this.env.observationSpace;
  }
  get actionSpace(): Space {
    return this.env.actionSpace;
  }
  private finish(): void {
    if (this.current === null) return;
    this.episodes.push(this.current);
    const max = this.options.maxEpisodes ?? 10;
    if (this.episodes.length > max) this.episodes.splice(0, this.episodes.length - max);
    this.current = null;
  }
  reset(opts?: ResetOptions): [O, Info] {
    this.finish();
    const out = this.env.reset(opts);
    this.episodeIndex++;
    this.current = (this.options.shouldRecord ?? (() => true))(this.episodeIndex) ? [this.env.render!()] : null;
    return out;
  }
  step(action: A): StepResult<O> {
    const out = this.env.step(action);
    if (this.current !== null) {
      this.current.push(this.env.render!());
      if (out[2] || out[3]) this.finish();
    }
    return out;
  }
  render(): string {
    return this.env.render!();
  }
}
