// Reinforcement learning: how fast CartPole-v1 steps (one environment, and eight in lockstep
// through SyncVectorEnv, random actions, resets included), and how long PPO takes to solve it
// with rl-baselines3-zoo's CartPole settings (the run the slow test group checks).
//
// Sample efficiency is compared with the budgets rl-baselines3-zoo publishes for CartPole-v1
// in hyperparams/{ppo,dqn,a2c}.yml (n_timesteps: PPO 1e5, DQN 5e4, A2C 5e5): the same budget
// reaching the same score means the agent learns as fast per sample as Stable-Baselines3's.
// PPO's time is one run (it takes a minute), not a median. Run alone with
// `npx tsx bench/rl.ts`.
import { Generator } from '../packages/descent/src/random/index.js';
import { SyncVectorEnv, evaluatePolicy, makeCartPole, ppo } from '../packages/descent/src/rl/index.js';
import { measure } from './timing.js';

export interface RlMeasurement {
  task: 'cartpole steps' | 'cartpole steps ×8 vectorized' | 'ppo solves cartpole';
  /** Environment steps per second (steps tasks). */
  stepsPerSecond?: number;
  seconds?: number;
  cpuSeconds?: number;
  /** PPO: steps trained, and the greedy policy's mean return over 100 evaluation episodes. */
  trainSteps?: number;
  evalReturn?: number;
}

const STEPS = 100_000;

function stepSingle(): number {
  const env = makeCartPole();
  const g = new Generator(0);
  env.reset({ seed: 0 });
  for (let i = 0; i < STEPS; i++) {
    const [, , te, tr] = env.step(g.integers(0, 2));
    if (te || tr) env.reset();
  }
  return STEPS;
}

function stepVector(): number {
  const envs = new SyncVectorEnv(Array.from({ length: 8 }, () => makeCartPole()));
  const g = new Generator(0);
  envs.reset({ seed: 0 });
  for (let i = 0; i < STEPS / 8; i++) envs.step(Array.from({ length: 8 }, () => g.integers(0, 2)));
  return STEPS;
}

export async function benchRl(progress: (line: string) => void): Promise<RlMeasurement[]> {
  const out: RlMeasurement[] = [];
  for (const [task, run] of [['cartpole steps', stepSingle], ['cartpole steps ×8 vectorized', stepVector]] as const) {
    progress(`rl: ${task}`);
    const t = measure(run, { warmup: 1, reps: 5 });
    out.push({ task, stepsPerSecond: STEPS / (t.medianMs / 1000), seconds: t.medianMs / 1000, cpuSeconds: t.cpuMedianMs / 1000 });
  }
  progress('rl: ppo solves cartpole (about a minute)');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const run = ppo(() => makeCartPole(), {
    totalSteps: 100_000, seed: 0, nEnvs: 8, nSteps: 32, batchSize: 256, nEpochs: 20, gamma: 0.98, gaeLambda: 0.8,
    lr: (p) => 1e-3 * p, clipRange: (p) => 0.2 * p,
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const returns = evaluatePolicy(() => makeCartPole(), (obs) => run.actBatch(obs) as number[], { episodes: 100 });
  out.push({
    task: 'ppo solves cartpole', seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, trainSteps: run.steps,
    evalReturn: returns.reduce((s, r) => s + r, 0) / returns.length,
  });
  return out;
}

export function rlTable(ms: RlMeasurement[]): string {
  const lines = ['Reinforcement learning on CartPole-v1 (random actions for the step rates; PPO with rl-zoo\'s settings).'];
  for (const m of ms) {
    if (m.stepsPerSecond !== undefined) lines.push(`${m.task.padEnd(30)} ${Math.round(m.stepsPerSecond).toLocaleString('en-US').padStart(12)} steps/s`);
    else lines.push(`${m.task.padEnd(30)} ${m.seconds!.toFixed(1).padStart(8)} s (cpu ${m.cpuSeconds!.toFixed(1)} s), ${m.trainSteps} steps `
      + `(SB3 zoo budget 100,000), greedy return ${m.evalReturn!.toFixed(1)} over 100 episodes`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(rlTable(await benchRl((l) => console.error(`  ${l}`))));
}
