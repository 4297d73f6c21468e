/**
 * On-policy actor-critic agents on vectorized environments:
 *
 * - `ppo`, Proximal Policy Optimization (Schulman et al. 2017): several epochs of minibatch
 *   updates on each rollout, the probability ratio r = π(a|s)/π_old(a|s) clipped to
 *   [1 − ε, 1 + ε] in the objective min(r·Â, clip(r)·Â), optional value clipping, an entropy
 *   bonus, advantages normalized per minibatch — for discrete actions (categorical policy)
 *   and continuous ones (diagonal Gaussian with a learned log std).
 * - `a2c`, synchronous advantage actor-critic (Mnih et al. 2016): one gradient step per short
 *   rollout on −log π(a|s)·Â + c_v·(V − R)² − c_e·H, with GAE advantages.
 *
 * Names and defaults follow Stable-Baselines3's `PPO` and `A2C`. Every update reports the
 * usual diagnostics: policy and value loss, entropy, approximate KL, clip fraction and the
 * critic's explained variance.
 *
 * ```ts
 * const run = ppo(() => makeCartPole(), { totalSteps: 100_000, nEnvs: 8, nSteps: 32, batchSize: 256, nEpochs: 20 });
 * run.act(observation);
 * ```
 */
import { Generator, manualSeed } from '../../random/index.js';
import { tensor, type Tensor } from '../../tensor/index.js';
import { Adam, clipGradNorm, RMSprop, type Optimizer } from '../../optim/index.js';
import type { Env } from '../env.js';
import { ActorCritic, type ActorCriticOptions, computeGae, type EpisodeLog, explainedVariance, RolloutCollector } from './actor-critic.js';
import { checkAgentEnv, positive, positiveInt, unitInterval } from './common.js';

/** A value fixed for the run, or a function of the progress remaining (1 at the start, 0 at the end). */
export type Schedule = number | ((progressRemaining: number) => number);

export interface OnPolicyParams extends ActorCriticOptions {
  totalSteps: number;
  seed?: number;
  nEnvs?: number;
  /** Steps per environment per rollout. */
  nSteps?: number;
  lr?: Schedule;
  gamma?: number;
  gaeLambda?: number;
  entCoef?: number;
  vfCoef?: number;
  maxGradNorm?: number;
  normalizeAdvantage?: boolean;
  /** Called after every update; return `false` to stop training. */
  callback?: (report: UpdateReport) => boolean | void;
}

export interface PPOParams extends OnPolicyParams {
  batchSize?: number;
  nEpochs?: number;
  clipRange?: Schedule;
  /** Clips the new value prediction to within this distance of the old one (off when null). */
  clipRangeVf?: number | null;
  /** Stops the epochs early once the approximate KL exceeds 1.5 × this. */
  targetKl?: number | null;
}

export interface UpdateReport {
  step: number;
  update: number;
  episodes: number;
  /** Mean return of the last 100 finished episodes (NaN before the first ends). */
  meanReturn: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFraction: number;
  explainedVariance: number;
  lr: number;
}

export interface OnPolicyResult {
  policy: ActorCritic;
  /** The greedy action (the most probable, or the Gaussian's mean) for one observation. */
  act(observation: ArrayLike<number>): number | Float32Array;
  actBatch(observations: readonly ArrayLike<number>[]): (number | Float32Array)[];
  episodeReturns: number[];
  episodeLengths: number[];
  reports: UpdateReport[];
  steps: number;
}

type VecEnvFactory = () => Env<ArrayLike<number>, number> | Env<ArrayLike<number>, ArrayLike<number>>;

/**
 * The clipped surrogate loss −mean(min(r·Â, clip(r, 1 − ε, 1 + ε)·Â)) with r = exp(log π − log π_old).
 *
 * ```ts
 * ppoClipLoss(tensor([-0.1, -2]), tensor([-0.2, -1]), tensor([1, -1]), 0.2).item();
 * ```
 */
export function ppoClipLoss(logProbs: Tensor, oldLogProbs: Tensor, advantages: Tensor, clipRange: number): Tensor {
  const ratio = logProbs.sub(oldLogProbs).exp();
  const unclipped = ratio.mul(advantages);
  const clipped = ratio.clip(1 - clipRange, 1 + clipRange).mul(advantages);
  return unclipped.minimum(clipped).mean().neg();
}

const at = (s: Schedule, progressRemaining: number): number => (typeof s === 'number' ? s : s(progressRemaining));

function setup(owner: string, makeEnv: VecEnvFactory, params: OnPolicyParams, defaults: { nEnvs: number; nSteps: number; lr: number; gaeLambda: number }) {
  if (typeof makeEnv !== 'function') throw new TypeError(`${owner}: the first argument must be a function that makes an environment, e.g. () => makeCartPole()`);
  const probe = makeEnv() as Env<unknown, unknown>;
  const { obsDim, nActions, actionDim, continuous } = checkAgentEnv(owner, probe, 'any');
  const seed = params.seed ?? 0;
  const nEnvs = positiveInt(owner, 'nEnvs', params.nEnvs ?? defaults.nEnvs);
  const nSteps = positiveInt(owner, 'nSteps', params.nSteps ?? defaults.nSteps);
  const totalSteps = positiveInt(owner, 'totalSteps', params.totalSteps);
  const gamma = unitInterval(owner, 'gamma', params.gamma ?? 0.99);
  manualSeed(seed);
  const policy = new ActorCritic(obsDim, continuous ? actionDim : nActions, continuous, params);
  const gen = new Generator(seed);
  const collector = new RolloutCollector(makeEnv as () => Env<ArrayLike<number>, number | ArrayLike<number>>, nEnvs, seed, policy, gen, gamma);
  const log: EpisodeLog = { returns: [], lengths: [] };
  const result: OnPolicyResult = {
    policy,
    act: (o) => policy.actGreedy([o])[0],
    actBatch: (obs) => policy.actGreedy(obs),
    episodeReturns: log.returns, episodeLengths: log.lengths, reports: [], steps: 0,
  };
  return {
    policy, gen, collector, log, result, nEnvs, nSteps, totalSteps, gamma, continuous,
    gaeLambda: unitInterval(owner, 'gaeLambda', params.gaeLambda ?? defaults.gaeLambda),
    entCoef: params.entCoef ?? 0,
    vfCoef: params.vfCoef ?? 0.5,
    maxGradNorm: positive(owner, 'maxGradNorm', params.maxGradNorm ?? 0.5),
    lr: params.lr ?? defaults.lr,
  };
}

function meanOfLast(xs: readonly number[], k: number): number {
  if (xs.length === 0) return NaN;
  const tail = xs.slice(-k);
  return tail.reduce((s, v) => s + v, 0) / tail.length;
}

function actionTensor(actions: Float32Array, idx: Int32Array | null, width: number, continuous: boolean): Tensor {
  const picked = idx === null ? actions : pickRows(actions, idx, width);
  return continuous ? tensor(picked).reshape([picked.length / width, width]) : tensor(picked, { dtype: 'int32' });
}

function pickRows(src: Float32Array, idx: Int32Array, width: number): Float32Array {
  const out = new Float32Array(idx.length * width);
  for (let i = 0; i < idx.length; i++) out.set(src.subarray(idx[i] * width, (idx[i] + 1) * width), i * width);
  return out;
}

function normalized(adv: Tensor): Tensor {
  if (adv.shape[0] < 2) return adv;
  return adv.sub(adv.mean()).div(adv.std().add(1e-8));
}

/** Proximal Policy Optimization with the clipped objective. `makeEnv` makes one copy; `nEnvs` copies run in lockstep. */
export function ppo(makeEnv: VecEnvFactory, params: PPOParams): OnPolicyResult {
  const s = setup('ppo', makeEnv, params, { nEnvs: 1, nSteps: 2048, lr: 3e-4, gaeLambda: 0.95 });
  const batchSize = positiveInt('ppo', 'batchSize', params.batchSize ?? 64);
  const nEpochs = positiveInt('ppo', 'nEpochs', params.nEpochs ?? 10);
  const clipRange = params.clipRange ?? 0.2;
  const clipRangeVf = params.clipRangeVf ?? null;
  const targetKl = params.targetKl ?? null;
  const normalizeAdvantage = params.normalizeAdvantage ?? true;
  const rolloutSize = s.nEnvs * s.nSteps;
  if (batchSize > rolloutSize) throw new RangeError(`ppo: batchSize (${batchSize}) is larger than a rollout (nEnvs × nSteps = ${rolloutSize}); lower it or collect more steps`);
  const opt = new Adam(s.policy.parameters(), { lr: at(s.lr, 1), eps: 1e-5 });
  const width = s.continuous ? s.policy.actionSize : 1;
  const obsDim = s.policy.obsDim;

  for (let update = 1; s.result.steps < s.totalSteps; update++) {
    const progress = 1 - s.result.steps / s.totalSteps;
    const lr = at(s.lr, progress);
    const clip = at(clipRange, progress);
    for (const g of opt.paramGroups) g.options.lr = lr;
    const r = s.collector.collect(s.nSteps, s.log);
    s.result.steps += rolloutSize;
    const { advantages, returns } = computeGae({ ...r, gamma: s.gamma, gaeLambda: s.gaeLambda });

    let pl = 0, vl = 0, ent = 0, kl = 0, cf = 0, batches = 0;
    let stop = false;
    for (let epoch = 0; epoch < nEpochs && !stop; epoch++) {
      const order = Int32Array.from(s.gen.permutation(rolloutSize));
      for (let start = 0; start < rolloutSize; start += batchSize) {
        const idx = order.subarray(start, Math.min(start + batchSize, rolloutSize));
        const obs = tensor(pickRows(r.obs, idx, obsDim)).reshape([idx.length, obsDim]);
        const act = actionTensor(r.actions, idx, width, s.continuous);
        const oldLogp = tensor(pickRows(r.logProbs, idx, 1));
        const advRaw = tensor(pickRows(advantages, idx, 1));
        const adv = normalizeAdvantage ? normalized(advRaw) : advRaw;
        const ret = tensor(pickRows(returns, idx, 1));
        const dist = s.policy.dist(obs);
        const logp = dist.logProb(act);
        const policyLoss = ppoClipLoss(logp, oldLogp, adv, clip);
        const v = s.policy.value(obs);
        let valueLoss: Tensor;
        if (clipRangeVf === null) valueLoss = v.sub(ret).square().mean();
        else {
          // The OpenAI baselines form: the larger of the clipped and unclipped errors.
          const oldV = tensor(pickRows(r.values, idx, 1));
          const vClipped = oldV.add(v.sub(oldV).clip(-clipRangeVf, clipRangeVf));
          valueLoss = v.sub(ret).square().maximum(vClipped.sub(ret).square()).mean();
        }
        const entropy = dist.entropy().mean();
        const loss = policyLoss.add(valueLoss.mul(s.vfCoef)).sub(entropy.mul(s.entCoef));
        opt.zeroGrad();
        loss.backward();
        clipGradNorm(s.policy.parameters(), s.maxGradNorm);
        opt.step();
        const logRatio = logp.detach().sub(oldLogp);
        const approxKl = logRatio.exp().sub(1).sub(logRatio).mean().item(); // Schulman's low-variance estimator
        pl += policyLoss.item(); vl += valueLoss.item(); ent += entropy.item(); kl += approxKl;
        cf += logRatio.exp().sub(1).abs().gt(clip).astype('float32').mean().item();
        batches++;
        if (targetKl !== null && approxKl > 1.5 * targetKl) { stop = true; break; }
      }
    }
    const report: UpdateReport = {
      step: s.result.steps, update, episodes: s.log.returns.length, meanReturn: meanOfLast(s.log.returns, 100),
      policyLoss: pl / batches, valueLoss: vl / batches, entropy: ent / batches, approxKl: kl / batches, clipFraction: cf / batches,
      explainedVariance: explainedVariance(r.values, returns), lr,
    };
    s.result.reports.push(report);
    if (params.callback?.(report) === false) break;
  }
  return s.result;
}

export interface A2CParams extends OnPolicyParams {
  /** 'rmsprop' (SB3's default, α = 0.99, ε = 1e-5) or 'adam'. */
  optimizer?: 'rmsprop' | 'adam';
}

/** Synchronous advantage actor-critic: one gradient step per rollout of `nSteps` × `nEnvs`. */
export function a2c(makeEnv: VecEnvFactory, params: A2CParams): OnPolicyResult {
  const s = setup('a2c', makeEnv, params, { nEnvs: 1, nSteps: 5, lr: 7e-4, gaeLambda: 1 });
  const rolloutSize = s.nEnvs * s.nSteps;
  const opt: Optimizer<{ lr: number }> = (params.optimizer ?? 'rmsprop') === 'rmsprop'
    ? new RMSprop(s.policy.parameters(), { lr: at(s.lr, 1), alpha: 0.99, eps: 1e-5 })
    : new Adam(s.policy.parameters(), { lr: at(s.lr, 1) });
  const width = s.continuous ? s.policy.actionSize : 1;
  for (let update = 1; s.result.steps < s.totalSteps; update++) {
    const lr = at(s.lr, 1 - s.result.steps / s.totalSteps);
    for (const g of opt.paramGroups) g.options.lr = lr;
    const r = s.collector.collect(s.nSteps, s.log);
    s.result.steps += rolloutSize;
    const { advantages, returns } = computeGae({ ...r, gamma: s.gamma, gaeLambda: s.gaeLambda });
    const obs = tensor(r.obs).reshape([rolloutSize, s.policy.obsDim]);
    const dist = s.policy.dist(obs);
    const logp = dist.logProb(actionTensor(r.actions, null, width, s.continuous));
    const advRaw = tensor(advantages);
    const adv = params.normalizeAdvantage ? normalized(advRaw) : advRaw;
    const policyLoss = logp.mul(adv).mean().neg();
    const valueLoss = s.policy.value(obs).sub(tensor(returns)).square().mean();
    const entropy = dist.entropy().mean();
    const loss = policyLoss.add(valueLoss.mul(s.vfCoef)).sub(entropy.mul(s.entCoef));
    opt.zeroGrad();
    loss.backward();
    clipGradNorm(s.policy.parameters(), s.maxGradNorm);
    opt.step();
    const report: UpdateReport = {
      step: s.result.steps, update, episodes: s.log.returns.length, meanReturn: meanOfLast(s.log.returns, 100),
      policyLoss: policyLoss.item(), valueLoss: valueLoss.item(), entropy: entropy.item(), approxKl: NaN, clipFraction: NaN,
      explainedVariance: explainedVariance(r.values, returns), lr,
    };
    s.result.reports.push(report);
    if (params.callback?.(report) === false) break;
  }
  return s.result;
}

