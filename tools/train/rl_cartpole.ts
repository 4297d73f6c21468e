/**
 * Trains the CartPole agents of lessons 36 and 37 with Descent itself and ships their weights.
 *
 *     npx tsx tools/train/rl_cartpole.ts
 *
 * Why shipped weights: a lesson must run in well under 30 s on a 2-core machine, and these runs
 * take about a minute of CPU each. The lessons load the weights, evaluate them on 100 fresh
 * episodes beside a random policy and the hand-written controller, and continue training.
 *
 * Recipes (rl-baselines3-zoo's tuned CartPole-v1 hyperparameters, the same step budgets the
 * slow learning tests use):
 *   dqn.*  Double DQN, 50,000 steps: lr 2.3e-3, batch 64, buffer 100,000, learningStarts 1000,
 *          gamma 0.99, targetUpdateInterval 10, trainFreq 256, gradientSteps 128,
 *          explorationFraction 0.16, final ε 0.04, hidden [256, 256] in the zoo, [64, 64] here.
 *   ppo.*  PPO, 100,000 steps: 8 envs × 32 steps, batch 256, 20 epochs, gamma 0.98,
 *          gaeLambda 0.8, lr 1e-3 and clip 0.2 both falling linearly to 0, entCoef 0.
 *
 * Measured on the shared, heavily loaded 2-core machine (CPU time of this process, seed 0):
 *   dqn: 50,000 steps in 34.9 s CPU; the greedy policy averages 500 over 100 episodes (seeds 10000+)
 *   ppo: 100,096 steps (391 rollouts of 256) in 42.7 s CPU; greedy average 500 over the same episodes
 * (The exact numbers of the last run are in the file's meta; test/rl/pretrained-cartpole.test.ts checks
 * that Descent reproduces the recorded averages from the shipped weights.)
 *
 * Writes packages/descent/src/datasets/data/pretrained-rl-cartpole.ts.
 */
import { saveState } from '../../packages/descent/src/nn/index.js';
import { dqn, evaluatePolicy, makeCartPole, ppo } from '../../packages/descent/src/rl/index.js';
import type { Tensor } from '../../packages/descent/src/tensor/index.js';
import { writeWeightsModule } from './weights-module.js';

const OUT = 'packages/descent/src/datasets/data/pretrained-rl-cartpole.ts';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

const t0 = cpu();
const dqnRun = dqn(makeCartPole(), {
  totalSteps: 50_000, seed: 0, double: true, lr: 2.3e-3, batchSize: 64, bufferSize: 100_000, learningStarts: 1000,
  gamma: 0.99, targetUpdateInterval: 10, trainFreq: 256, gradientSteps: 128, explorationFraction: 0.16,
  explorationFinalEps: 0.04, hiddenSizes: [64, 64],
});
const dqnCpu = cpu() - t0;
const dqnEval = mean(evaluatePolicy(makeCartPole, (obs) => dqnRun.actBatch(obs), { episodes: 100 }));
console.log(`dqn: ${dqnRun.steps} steps in ${dqnCpu.toFixed(1)} s CPU, evaluation ${dqnEval}`);

const t1 = cpu();
const ppoRun = ppo(() => makeCartPole(), {
  totalSteps: 100_000, seed: 0, nEnvs: 8, nSteps: 32, batchSize: 256, nEpochs: 20, gamma: 0.98, gaeLambda: 0.8,
  lr: (p) => 1e-3 * p, clipRange: (p) => 0.2 * p, entCoef: 0,
});
const ppoCpu = cpu() - t1;
const ppoEval = mean(evaluatePolicy(makeCartPole, (obs) => ppoRun.actBatch(obs) as number[], { episodes: 100 }));
console.log(`ppo: ${ppoRun.steps} steps in ${ppoCpu.toFixed(1)} s CPU, evaluation ${ppoEval}`);

const state: Record<string, Tensor> = {};
for (const [k, v] of Object.entries(dqnRun.qNetwork.stateDict())) state[`dqn.${k}`] = v;
for (const [k, v] of Object.entries(ppoRun.policy.stateDict())) state[`ppo.${k}`] = v;
const bytes = saveState(state, {
  script: 'tools/train/rl_cartpole.ts',
  dqn: { arch: 'mlp [4, 64, 64, 2] relu (descent/rl mlp)', steps: dqnRun.steps, evalMean100: dqnEval, evalSeed: 10_000, cpuSeconds: Math.round(dqnCpu), episodeReturns: dqnRun.episodeReturns },
  ppo: { arch: 'ActorCritic(4, 2, discrete), hidden [64, 64] tanh', steps: ppoRun.steps, evalMean100: ppoEval, evalSeed: 10_000, cpuSeconds: Math.round(ppoCpu), meanReturns: ppoRun.reports.map((r) => [r.step, r.meanReturn]) },
});
writeWeightsModule(OUT, bytes, 'tools/train/rl_cartpole.ts', 'rl-cartpole', [
  'Weights of the CartPole-v1 agents of lessons 36 (Double DQN, `dqn.*`) and 37 (PPO, `ppo.*`),',
  'trained by Descent with rl-baselines3-zoo\'s settings; recipes, training curves and the',
  '100-episode evaluation in the meta.',
]);
