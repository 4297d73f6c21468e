/**
 * REINFORCE (Williams 1992) with a learned baseline: run whole episodes, then ascend
 * Σ_t ∇log π(a_t | s_t)·(G_t − V(s_t)), where G_t is the discounted return from step t and the
 * critic V is fitted to G_t by squared error. The baseline leaves the gradient unbiased and
 * cuts its variance; advantages are normalized over each batch of episodes.
 *
 * ```ts
 * const run = reinforce(makeCartPole(), { episodes: 600, batchEpisodes: 4, seed: 0 });
 * ```
 */
import { Generator, manualSeed } from '../../random/index.js';
import { noGrad, tensor } from '../../tensor/index.js';
import { Adam } from '../../optim/index.js';
import type { Env } from '../env.js';
import { ActorCritic, type ActorCriticOptions, splitRows } from './actor-critic.js';
import { checkAgentEnv, type EpisodeReport, positive, positiveInt, unitInterval } from './common.js';

export interface ReinforceParams extends ActorCriticOptions {
  episodes: number;
  /** Episodes per gradient step. */
  batchEpisodes?: number;
  seed?: number;
  lr?: number;
  gamma?: number;
  /** 'value': a learned V(s); 'none': plain REINFORCE (returns only normalized). */
  baseline?: 'value' | 'none';
  entCoef?: number;
  callback?: (report: EpisodeReport & { loss: number }) => boolean | void;
}

export interface ReinforceResult {
  policy: ActorCritic;
  act(observation: ArrayLike<number>): number | Float32Array;
  actBatch(observations: readonly ArrayLike<number>[]): (number | Float32Array)[];
  episodeReturns: number[];
  episodeLengths: number[];
  losses: number[];
  steps: number;
}

/** Discounted returns-to-go G_t = r_t + γ·G_{t+1} of one episode. */
export function discountedReturns(rewards: ArrayLike<number>, gamma: number): Float32Array {
  const out = new Float32Array(rewards.length);
  let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    g = rewards[t] + gamma * g;
    out[t] = g;
  }
  return out;
}

export function reinforce(env: Env<ArrayLike<number>, number> | Env<ArrayLike<number>, ArrayLike<number>>, params: ReinforceParams): ReinforceResult {
  const { obsDim, nActions, actionDim, continuous } = checkAgentEnv('reinforce', env as Env<unknown, unknown>, 'any');
  const episodes = positiveInt('reinforce', 'episodes', params.episodes);
  const batchEpisodes = positiveInt('reinforce', 'batchEpisodes', params.batchEpisodes ?? 1);
  const gamma = unitInterval('reinforce', 'gamma', params.gamma ?? 0.99);
  const lr = positive('reinforce', 'lr', params.lr ?? 3e-3);
  const useBaseline = (params.baseline ?? 'value') === 'value';
  const seed = params.seed ?? 0;
  manualSeed(seed);
  const policy = new ActorCritic(obsDim, continuous ? actionDim : nActions, continuous, params);
  const opt = new Adam(policy.parameters(), { lr });
  const gen = new Generator(seed);
  const e = env as Env<ArrayLike<number>, number | ArrayLike<number>>;
  const result: ReinforceResult = {
    policy, act: (o) => policy.actGreedy([o])[0], actBatch: (obs) => policy.actGreedy(obs),
    episodeReturns: [], episodeLengths: [], losses: [], steps: 0,
  };
  const width = continuous ? actionDim : 1;
  let obsBuf: number[] = [], actBuf: number[] = [], retBuf: number[] = [];
  let [obs] = e.reset({ seed });
  for (let ep = 1; ep <= episodes; ep++) {
    const rewards: number[] = [];
    for (let done = false; !done; ) {
      const a = noGrad(() => policy.dist(tensor(Float32Array.from(obs)).reshape([1, obsDim])).sample(gen));
      obsBuf.push(...Array.from(obs));
      actBuf.push(...Array.from(a));
      const [next, reward, terminated, truncated] = e.step(continuous ? splitRows(a as Float32Array, width)[0] : a[0]);
      rewards.push(reward);
      obs = next;
      done = terminated || truncated;
      result.steps++;
    }
    retBuf.push(...discountedReturns(rewards, gamma));
    const episodeReturn = rewards.reduce((s, r) => s + r, 0);
    result.episodeReturns.push(episodeReturn);
    result.episodeLengths.push(rewards.length);
    [obs] = e.reset();
    let loss = NaN;
    if (ep % batchEpisodes === 0 || ep === episodes) {
      const n = retBuf.length;
      const x = tensor(Float32Array.from(obsBuf)).reshape([n, obsDim]);
      const acts = continuous ? tensor(Float32Array.from(actBuf)).reshape([n, width]) : tensor(Int32Array.from(actBuf), { dtype: 'int32' });
      const returns = tensor(Float32Array.from(retBuf));
      const dist = policy.dist(x);
      let total;
      if (useBaseline) {
        const v = policy.value(x);
        const adv = returns.sub(v.detach());
        const advN = n > 1 ? adv.sub(adv.mean()).div(adv.std().add(1e-8)) : adv;
        total = dist.logProb(acts).mul(advN).mean().neg().add(v.sub(returns).square().mean().mul(0.5));
      } else {
        const advN = n > 1 ? returns.sub(returns.mean()).div(returns.std().add(1e-8)) : returns;
        total = dist.logProb(acts).mul(advN).mean().neg();
      }
      if (params.entCoef) total = total.sub(dist.entropy().mean().mul(params.entCoef));
      opt.zeroGrad();
      total.backward();
      opt.step();
      loss = total.item();
      result.losses.push(loss);
      obsBuf = []; actBuf = []; retBuf = [];
    }
    if (params.callback?.({ step: result.steps, episode: ep, episodeReturn, episodeLength: rewards.length, loss }) === false) break;
  }
  return result;
}

