/**
 * Deep Q-learning (Mnih et al. 2015, "Human-level control through deep reinforcement
 * learning"): a network Q(s, ·; θ) trained on minibatches from a replay buffer towards
 * r + γ·max_a' Q(s', a'; θ⁻) with a periodically copied target network θ⁻, ε-greedy
 * exploration annealed linearly, the Huber loss and gradient clipping. Options add the three
 * best-known fixes: Double DQN (van Hasselt et al. 2016: the online network picks a', the
 * target network scores it), a dueling head (Wang et al. 2016) and prioritized replay (Schaul et
 * al. 2016). Names and defaults follow Stable-Baselines3's `DQN` where it has them.
 *
 * ```ts
 * const run = dqn(makeCartPole(), { totalSteps: 50_000, seed: 0, double: true });
 * run.act(observation);   // the greedy action
 * ```
 */
import { Generator, manualSeed } from '../../random/index.js';
import { noGrad, tensor, type Tensor } from '../../tensor/index.js';
import { F, type Sequential } from '../../nn/index.js';
import { Adam, clipGradNorm } from '../../optim/index.js';
import type { Env } from '../env.js';
import { DuelingQNetwork, mlp, obsBatch } from './networks.js';
import { PrioritizedReplayBuffer, ReplayBuffer } from './replay.js';
import { checkAgentEnv, copyParams, type EpisodeReport, positiveInt, unitInterval } from './common.js';

export interface DQNParams {
  /** Environment steps to train for. */
  totalSteps: number;
  /** Seeds the weights (through `manualSeed`), exploration and replay sampling. */
  seed?: number;
  hiddenSizes?: readonly number[];
  lr?: number;
  gamma?: number;
  bufferSize?: number;
  batchSize?: number;
  /** Steps of pure exploration before the first update. */
  learningStarts?: number;
  /** An update every `trainFreq` environment steps, of `gradientSteps` minibatches. */
  trainFreq?: number;
  gradientSteps?: number;
  /** Environment steps between target-network updates. */
  targetUpdateInterval?: number;
  /** Polyak coefficient of the target update: 1 copies (the original DQN). */
  tau?: number;
  /** ε falls linearly from `explorationInitialEps` to `explorationFinalEps` over this fraction of `totalSteps`. */
  explorationFraction?: number;
  explorationInitialEps?: number;
  explorationFinalEps?: number;
  maxGradNorm?: number;
  double?: boolean;
  dueling?: boolean;
  /** Prioritized replay with exponent `alpha`; β anneals from `beta0` to 1 over training. */
  prioritized?: boolean | { alpha?: number; beta0?: number };
  /** Called at the end of every episode; return `false` to stop training. */
  callback?: (report: DQNReport) => boolean | void;
}

export interface DQNReport extends EpisodeReport {
  epsilon: number;
  /** Mean Huber loss and mean Q(s, a) of the updates since the last report (NaN before learning starts). */
  loss: number;
  meanQ: number;
}

export interface DQNResult {
  qNetwork: Sequential | DuelingQNetwork;
  /** The greedy action for one observation. */
  act(observation: ArrayLike<number>): number;
  /** Greedy actions for a batch of observations. */
  actBatch(observations: readonly ArrayLike<number>[]): number[];
  episodeReturns: number[];
  episodeLengths: number[];
  /** Mean loss of each update (one entry per `trainFreq` steps once learning starts). */
  losses: number[];
  steps: number;
}

/** ε-greedy DQN on an environment with vector observations and discrete actions. */
export function dqn(env: Env<ArrayLike<number>, number>, params: DQNParams): DQNResult {
  const { obsDim, nActions } = checkAgentEnv('dqn', env, 'discrete');
  const totalSteps = positiveInt('dqn', 'totalSteps', params.totalSteps);
  const seed = params.seed ?? 0;
  const gamma = unitInterval('dqn', 'gamma', params.gamma ?? 0.99);
  const batchSize = positiveInt('dqn', 'batchSize', params.batchSize ?? 64);
  const learningStarts = params.learningStarts ?? 1000;
  const trainFreq = positiveInt('dqn', 'trainFreq', params.trainFreq ?? 4);
  const gradientSteps = positiveInt('dqn', 'gradientSteps', params.gradientSteps ?? 1);
  const targetUpdateInterval = positiveInt('dqn', 'targetUpdateInterval', params.targetUpdateInterval ?? 500);
  const tau = unitInterval('dqn', 'tau', params.tau ?? 1);
  const epsStart = unitInterval('dqn', 'explorationInitialEps', params.explorationInitialEps ?? 1);
  const epsEnd = unitInterval('dqn', 'explorationFinalEps', params.explorationFinalEps ?? 0.05);
  const epsSteps = Math.max(1, unitInterval('dqn', 'explorationFraction', params.explorationFraction ?? 0.1) * totalSteps);
  const maxGradNorm = params.maxGradNorm ?? 10;
  const hidden = params.hiddenSizes ?? [64, 64];
  const per = params.prioritized === undefined || params.prioritized === false ? null : params.prioritized === true ? {} : params.prioritized;
  const beta0 = per ? unitInterval('dqn', 'prioritized.beta0', per.beta0 ?? 0.4) : 1;

  manualSeed(seed);
  const build = (): Sequential | DuelingQNetwork => (params.dueling ? new DuelingQNetwork(obsDim, nActions, hidden) : mlp([obsDim, ...hidden, nActions], { activation: 'relu' }));
  const qNet = build();
  const target = build();
  copyParams(target, qNet, 1);
  const opt = new Adam(qNet.parameters(), { lr: params.lr ?? 1e-3 });
  const gen = new Generator(seed);
  const buffer = per
    ? new PrioritizedReplayBuffer({ capacity: params.bufferSize ?? 50_000, obsDim, alpha: per.alpha ?? 0.6 })
    : new ReplayBuffer({ capacity: params.bufferSize ?? 50_000, obsDim });

  const greedy = (obs: readonly ArrayLike<number>[]): number[] =>
    noGrad(() => Array.from(qNet.forward(obsBatch(obs)).argmax(1).toTypedArray() as ArrayLike<number>));

  const result: DQNResult = {
    qNetwork: qNet,
    act: (o) => greedy([o])[0],
    actBatch: greedy,
    episodeReturns: [], episodeLengths: [], losses: [], steps: 0,
  };

  let lossSum = 0, qSum = 0, updates = 0;
  const update = (beta: number): void => {
    const b = per ? (buffer as PrioritizedReplayBuffer).sample(batchSize, gen, beta) : buffer.sample(batchSize, gen);
    const obs = tensor(b.obs).reshape([batchSize, obsDim]);
    const next = tensor(b.nextObs).reshape([batchSize, obsDim]);
    const actions = tensor(b.actions, { dtype: 'int32' }).reshape([batchSize, 1]);
    const targets = noGrad(() =>
      dqnTargets(tensor(b.rewards), target.forward(next), params.double ? qNet.forward(next) : null, tensor(b.terminated), gamma));
    const q = qNet.forward(obs).gather(1, actions).squeeze(1);
    const perSample = F.smoothL1Loss(q, targets, 'none');
    const loss = per ? perSample.mul(tensor(b.weights)).mean() : perSample.mean();
    opt.zeroGrad();
    loss.backward();
    clipGradNorm(qNet.parameters(), maxGradNorm);
    opt.step();
    const lossValue = loss.item();
    if (per) (buffer as PrioritizedReplayBuffer).updatePriorities(b.indices, q.detach().sub(targets).toTypedArray());
    lossSum += lossValue;
    qSum += q.detach().mean().item();
    updates++;
    result.losses.push(lossValue);
  };

  let [obs] = env.reset({ seed });
  let episodeReturn = 0, episodeLength = 0;
  for (let step = 1; step <= totalSteps; step++) {
    const epsilon = epsStart + (epsEnd - epsStart) * Math.min(1, (step - 1) / epsSteps);
    const action = gen.random() < epsilon ? gen.integers(0, nActions) : greedy([obs])[0];
    const [next, reward, terminated, truncated] = env.step(action);
    // Truncation is not termination: the transition keeps its bootstrap.
    buffer.add(obs, action, reward, next, terminated);
    episodeReturn += reward;
    episodeLength++;
    obs = next;
    if (step > learningStarts && step % trainFreq === 0) {
      const beta = beta0 + (1 - beta0) * (step / totalSteps);
      for (let g = 0; g < gradientSteps; g++) update(beta);
    }
    if (step % targetUpdateInterval === 0) copyParams(target, qNet, tau);
    result.steps = step;
    if (terminated || truncated) {
      result.episodeReturns.push(episodeReturn);
      result.episodeLengths.push(episodeLength);
      const report: DQNReport = {
        step, episode: result.episodeReturns.length, episodeReturn, episodeLength, epsilon,
        loss: updates > 0 ? lossSum / updates : NaN, meanQ: updates > 0 ? qSum / updates : NaN,
      };
      lossSum = qSum = updates = 0;
      episodeReturn = episodeLength = 0;
      [obs] = env.reset();
      if (params.callback?.(report) === false) break;
    }
  }
  return result;
}


/**
 * The regression targets of a DQN minibatch, r + γ·(1 − terminated)·Q_target(s', a'), with
 * a' = argmax Q_target(s', ·) (DQN) or, given the online network's `nextQOnline`,
 * a' = argmax Q_online(s', ·) (Double DQN: one network picks, the other scores, which removes
 * most of max's upward bias).
 *
 * ```ts
 * dqnTargets(tensor([1]), tensor([[0.5, 2]]), null, tensor([0]), 0.9).item();   // 1 + 0.9·2 = 2.8
 * ```
 */
export function dqnTargets(rewards: Tensor, nextQTarget: Tensor, nextQOnline: Tensor | null, terminated: Tensor, gamma: number): Tensor {
  const nextV = nextQOnline ? nextQTarget.gather(1, nextQOnline.argmax(1, true)).squeeze(1) : nextQTarget.max(1);
  return rewards.add(nextV.mul(terminated.neg().add(1)).mul(gamma));
}
