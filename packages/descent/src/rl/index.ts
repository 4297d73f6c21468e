/**
 * `descent/rl`: reinforcement learning from first principles — Gymnasium-style
 * environments, dynamic programming on known models, tabular agents, bandit strategies, and
 * deep agents (DQN and its variants, REINFORCE, A2C, PPO).
 *
 * ```ts
 * import { FrozenLake, valueIteration } from 'descent/rl';
 * const env = new FrozenLake({ isSlippery: true });
 * const { V, policy } = valueIteration(env.P, { gamma: 0.99 });
 * ```
 */
export { Discrete, Box, type Space } from './spaces.js';
export { BaseEnv, TimeLimit, type Env, type Info, type ResetOptions, type StepResult } from './env.js';
export { CartPole, makeCartPole } from './cartpole.js';
export {
  DiscreteEnv, FrozenLake, CliffWalking, GridWorld, LEFT, DOWN, RIGHT, UP,
  type Transition, type TransitionTable, type FrozenLakeParams, type GridWorldParams,
} from './toy-text.js';
export {
  policyEvaluation, valueIteration, policyIteration, actionValue, qFromV, greedyPolicy, bellmanResidual, argmax,
  type PlanningParams, type PlanningResult, type Policy,
} from './planning.js';
export {
  Bandit, BernoulliBandit, GaussianBandit, EpsilonGreedy, UCB1, ThompsonSampling, GaussianThompsonSampling, GradientBandit, runBandit, averageRegret,
  type BanditStrategy, type BanditRun,
} from './bandits.js';
export {
  qLearning, sarsa, expectedSarsa, nStepSarsa, doubleQLearning, monteCarloControl, epsilonGreedy,
  type TabularParams, type TabularResult,
} from './tabular.js';
export { MountainCar, Pendulum, Acrobot, makeMountainCar, makePendulum, makeAcrobot, angleNormalize } from './classic-control.js';
export { SyncVectorEnv, RunningMeanStd, NormalizeObservation, NormalizeReward, RecordFrames } from './wrappers.js';
export { cartPoleFrame, mountainCarFrame, pendulumFrame, acrobotFrame } from './render.js';
export * from './deep/index.js';
