/**
 * Live CartPole training for the RL playground, free of the DOM and of Worker globals so the
 * same code runs in the playground's Web Worker and in a Node test. The library's `ppo` or
 * `dqn` trains on CartPole copies wrapped in `EpisodeTap`, which keeps the cart position and
 * pole angle of every step; finished episodes and update reports go out through `emit`, so the
 * page can plot the return curve and animate what the agent is doing right now.
 *
 * ```ts
 * trainCartPole({ agent: 'ppo', totalSteps: 100_000, seed: 0 }, (m) => postMessage(m));
 * ```
 */
import { dqn, evaluatePolicy, makeCartPole, ppo, type Env, type Info, type ResetOptions, type StepResult } from 'descent/rl';
import type { Space } from 'descent/rl';

export type Agent = 'ppo' | 'dqn';

export interface TrainRequest {
  agent: Agent;
  totalSteps: number;
  seed: number;
}

export type TrainMessage =
  /** A finished training episode: its return and [x, θ] per frame (flat pairs). */
  | { type: 'episode'; step: number; episode: number; episodeReturn: number; frames: Float32Array }
  /** Progress: the mean return of the last 100 training episodes at `step`. */
  | { type: 'progress'; step: number; episodes: number; meanReturn: number; detail: string }
  /** Training ended; `evalReturn` is the greedy policy's mean over 20 fresh episodes. */
  | { type: 'done'; step: number; evalReturn: number; greedyFrames: Float32Array }
  | { type: 'error'; message: string };

/**
 * rl-baselines3-zoo's tuned CartPole-v1 settings (the ones the library's slow tests and the
 * shipped weights use): PPO solves it in about 100,000 steps, Double DQN in about 50,000.
 */
export const PPO_SETTINGS = { nEnvs: 8, nSteps: 32, batchSize: 256, nEpochs: 20, gamma: 0.98, gaeLambda: 0.8, entCoef: 0 } as const;
export const DQN_SETTINGS = {
  double: true, lr: 2.3e-3, batchSize: 64, bufferSize: 100_000, learningStarts: 1000, gamma: 0.99, targetUpdateInterval: 10,
  trainFreq: 256, gradientSteps: 128, explorationFraction: 0.16, explorationFinalEps: 0.04, hiddenSizes: [64, 64],
} as const;

/** Passes every call through to a CartPole and reports each finished episode's frames. */
export class EpisodeTap implements Env<Float64Array, number> {
  private readonly env = makeCartPole();
  private frames: number[] = [];
  private ret = 0;
  constructor(private readonly onEpisode: (frames: Float32Array, episodeReturn: number) => void) {}
  get observationSpace(): Space {
    return this.env.observationSpace;
  }
  get actionSpace(): Space {
    return this.env.actionSpace;
  }
  reset(opts?: ResetOptions): [Float64Array, Info] {
    const out = this.env.reset(opts);
    this.frames = [out[0][0], out[0][2]];
    this.ret = 0;
    return out;
  }
  step(action: number): StepResult<Float64Array> {
    const out = this.env.step(action);
    this.frames.push(out[0][0], out[0][2]);
    this.ret += out[1];
    if (out[2] || out[3]) this.onEpisode(Float32Array.from(this.frames), this.ret);
    return out;
  }
}

/** [x, θ] per frame of one greedy episode. */
function greedyEpisode(act: (o: ArrayLike<number>) => number, seed: number): Float32Array {
  const env = makeCartPole();
  let [obs] = env.reset({ seed });
  const frames = [obs[0], obs[2]];
  for (let done = false; !done; ) {
    const [next, , terminated, truncated] = env.step(act(obs));
    frames.push(next[0], next[2]);
    obs = next;
    done = terminated || truncated;
  }
  return Float32Array.from(frames);
}

/**
 * Trains and reports. `shouldStop` is polled after every update (PPO) or episode (DQN), so
 * a caller can end training early. Episodes are sent at most every `episodeEveryMs`.
 */
export function trainCartPole(req: TrainRequest, emit: (m: TrainMessage) => void, options: { shouldStop?: () => boolean; episodeEveryMs?: number } = {}): void {
  const every = options.episodeEveryMs ?? 400;
  let lastSent = -Infinity, step = 0, episodes = 0;
  const returns: number[] = [];
  const onEpisode = (frames: Float32Array, episodeReturn: number) => {
    episodes++;
    returns.push(episodeReturn);
    const now = Date.now();
    if (now - lastSent >= every) {
      lastSent = now;
      emit({ type: 'episode', step, episode: episodes, episodeReturn, frames });
    }
  };
  const meanLast100 = () => (returns.length === 0 ? NaN : returns.slice(-100).reduce((a, b) => a + b, 0) / Math.min(100, returns.length));
  let act: (o: ArrayLike<number>) => number;
  if (req.agent === 'ppo') {
    const run = ppo(() => new EpisodeTap(onEpisode), {
      ...PPO_SETTINGS, totalSteps: req.totalSteps, seed: req.seed,
      lr: (p) => 1e-3 * p, clipRange: (p) => 0.2 * p,
      callback: (r) => {
        step = r.step;
        emit({ type: 'progress', step: r.step, episodes, meanReturn: meanLast100(), detail: `KL ${r.approxKl.toFixed(4)} · clip ${r.clipFraction.toFixed(2)} · expl. var. ${r.explainedVariance.toFixed(2)}` });
        return !(options.shouldStop?.() ?? false);
      },
    });
    act = (o) => run.act(o) as number;
    step = run.steps;
  } else {
    // Updates come in bursts every trainFreq steps, so most episodes report no loss: keep the last one.
    let loss = NaN;
    const run = dqn(new EpisodeTap(onEpisode), {
      ...DQN_SETTINGS, totalSteps: req.totalSteps, seed: req.seed,
      callback: (r) => {
        step = r.step;
        if (!Number.isNaN(r.loss)) loss = r.loss;
        if (r.episode % 5 === 0) emit({ type: 'progress', step: r.step, episodes, meanReturn: meanLast100(), detail: `ε ${r.epsilon.toFixed(2)} · loss ${Number.isNaN(loss) ? '—' : loss.toFixed(3)}` });
        return !(options.shouldStop?.() ?? false);
      },
    });
    act = run.act;
    step = run.steps;
  }
  const evalReturns = evaluatePolicy(makeCartPole, (obs) => obs.map(act), { episodes: 20 });
  emit({ type: 'done', step, evalReturn: evalReturns.reduce((a, b) => a + b, 0) / evalReturns.length, greedyFrames: greedyEpisode(act, 12_345) });
}

/** The two baselines the page shows beside the agent: mean return over 20 evaluation episodes. */
export function baselineReturns(): { random: number; hand: number } {
  let u = 0x2545f491;
  const coin = () => { u ^= u << 13; u ^= u >>> 17; u ^= u << 5; return (u >>> 0) % 2; };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    random: mean(evaluatePolicy(makeCartPole, (obs) => obs.map(() => coin()), { episodes: 20 })),
    hand: mean(evaluatePolicy(makeCartPole, (obs) => obs.map((o) => (o[2] + 0.5 * o[3] > 0 ? 1 : 0)), { episodes: 20 })),
  };
}
