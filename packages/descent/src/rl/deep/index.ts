export { ReplayBuffer, PrioritizedReplayBuffer, SumTree, type ReplayBatch, type ReplayBufferOptions, type PrioritizedReplayOptions } from './replay.js';
export { mlp, DuelingQNetwork, Categorical, DiagGaussian, obsBatch, type MlpOptions } from './networks.js';
export { evaluatePolicy, copyParams, type EpisodeReport, type EvaluateOptions } from './common.js';
export { dqn, dqnTargets, type DQNParams, type DQNReport, type DQNResult } from './dqn.js';
export { ActorCritic, computeGae, explainedVariance, type ActorCriticOptions, type GaeInput } from './actor-critic.js';
export { ppo, a2c, ppoClipLoss, type PPOParams, type A2CParams, type OnPolicyParams, type OnPolicyResult, type UpdateReport, type Schedule } from './ppo.js';
export { reinforce, discountedReturns, type ReinforceParams, type ReinforceResult } from './reinforce.js';
