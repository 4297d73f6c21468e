/**
 * Tabular model-free control (Sutton & Barto, chs. 5–6): the agent never reads `P`, it only
 * steps the environment and keeps a table Q[s][a]. All share one ε-greedy behaviour policy
 * (ties broken at random) and differ in the target they move Q(S, A) towards:
 *
 * - Q-learning:      R + γ max_a Q(S', a)                      (off-policy, §6.5)
 * - SARSA:           R + γ Q(S', A')                           (on-policy, §6.4)
 * - Expected SARSA:  R + γ Σ_a π(a|S') Q(S', a)                (§6.6)
 * - Double Q:        R + γ Q₂(S', argmax_a Q₁(S', a)), roles swapped at random (§6.7)
 * - n-step SARSA:    R₁ + γR₂ + … + γⁿ⁻¹Rₙ + γⁿ Q(Sₙ, Aₙ)        (§7.2)
 * - Monte Carlo:     the return G actually observed to the end of the episode (§5.4)
 *
 * A terminated transition has no value beyond it; a truncated one (the `maxSteps` limit or a
 * wrapper's time limit) still bootstraps, since the state it stopped in has a future.
 *
 * ```ts
 * const env = new CliffWalking();
 * const { Q, policy, episodeReturns } = qLearning(env, { episodes: 500, alpha: 0.5, epsilon: 0.1, seed: 0 });
 * ```
 */
import { Generator } from '../random/index.js';
import type { Env } from './env.js';
import { Discrete } from './spaces.js';

export interface TabularParams {
  /** Episodes to train for. */
  episodes: number;
  /** Step size in (0, 1]. Default 0.1; Monte Carlo control averages returns when omitted. */
  alpha?: number;
  /** Discount in [0, 1]. Default 1. */
  gamma?: number;
  /** Exploration rate of the ε-greedy behaviour policy: a number, or a function of the episode index. Default 0.1. */
  epsilon?: number | ((episode: number) => number);
  /** Steps after which an episode is cut short (truncated). Default 10000. */
  maxSteps?: number;
  /** Seeds the environment and the agent. Default 0. */
  seed?: number;
  /** Starting value of every Q entry. Default 0. */
  initialQ?: number;
}

export interface TabularResult {
  /** Learned action values Q[s][a] (for Double Q-learning, the average of the two tables). */
  Q: Float64Array[];
  /** The greedy policy argmax_a Q[s][a] (ties to the lowest action). */
  policy: Int32Array;
  /** Undiscounted return of each training episode. */
  episodeReturns: Float64Array;
  episodeLengths: Int32Array;
}

type DiscreteEnvLike = Env<number, number>;

interface Setup {
  nS: number;
  nA: number;
  alpha: number;
  gamma: number;
  epsilonAt: (episode: number) => number;
  maxSteps: number;
  gen: Generator;
  seed: number;
  initialQ: number;
}

function setup(name: string, env: DiscreteEnvLike, p: TabularParams, defaultAlpha: number): Setup {
  const obs = env.observationSpace, act = env.actionSpace;
  if (!(obs instanceof Discrete) || !(act instanceof Discrete)) {
    throw new TypeError(`${name}: needs an environment with Discrete observation and action spaces (e.g. FrozenLake, CliffWalking, GridWorld)`);
  }
  if (!Number.isInteger(p.episodes) || p.episodes < 1) throw new RangeError(`${name}: episodes must be an integer >= 1, got ${p.episodes}`);
  const alpha = p.alpha ?? defaultAlpha, gamma = p.gamma ?? 1, maxSteps = p.maxSteps ?? 10000, seed = p.seed ?? 0;
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`${name}: alpha must be in (0, 1], got ${alpha}`);
  if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`${name}: gamma must be in [0, 1], got ${gamma}`);
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new RangeError(`${name}: maxSteps must be an integer >= 1, got ${maxSteps}`);
  const eps = p.epsilon ?? 0.1;
  const epsilonAt = typeof eps === 'function' ? eps : () => eps;
  if (typeof eps === 'number' && !(eps >= 0 && eps <= 1)) throw new RangeError(`${name}: epsilon must be in [0, 1], got ${eps}`);
  return { nS: obs.n, nA: act.n, alpha, gamma, epsilonAt, maxSteps, gen: new Generator(seed + 0x51ed), seed, initialQ: p.initialQ ?? 0 };
}

function table(nS: number, nA: number, v: number): Float64Array[] {
  return Array.from({ length: nS }, () => new Float64Array(nA).fill(v));
}

function maxOf(q: Float64Array): number {
  let m = -Infinity;
  for (const v of q) m = Math.max(m, v);
  return m;
}

/** ε-greedy on q: a uniform action with probability ε, else a maximizer chosen uniformly among ties: `epsilonGreedy(Q[s], 0.1, gen)`. */
export function epsilonGreedy(q: ArrayLike<number>, epsilon: number, gen: Generator): number {
  if (gen.random() < epsilon) return gen.integers(0, q.length);
  let best = -Infinity, count = 0, pick = 0;
  for (let a = 0; a < q.length; a++) {
    if (q[a] > best) { best = q[a]; count = 1; pick = a; }
    else if (q[a] === best && gen.random() * ++count < 1) pick = a;
  }
  return pick;
}

function greedy(Q: Float64Array[]): Int32Array {
  return Int32Array.from(Q, (q) => {
    let best = 0;
    for (let a = 1; a < q.length; a++) if (q[a] > q[best]) best = a;
    return best;
  });
}

/**
 * The loop every TD method shares. `target(s2, a2, terminated)` gives the bootstrapped part
 * of the target; `onPolicy` methods (SARSA) pick A' before the update, the others after.
 */
function tdControl(
  env: DiscreteEnvLike,
  S: Setup,
  episodes: number,
  behaviour: (s: number, eps: number) => number,
  update: (s: number, a: number, r: number, s2: number, a2: number, terminated: boolean) => void,
  onPolicy: boolean,
): { episodeReturns: Float64Array; episodeLengths: Int32Array } {
  const episodeReturns = new Float64Array(episodes), episodeLengths = new Int32Array(episodes);
  for (let ep = 0; ep < episodes; ep++) {
    const eps = S.epsilonAt(ep);
    let [s] = env.reset(ep === 0 ? { seed: S.seed } : undefined);
    let a = behaviour(s, eps);
    let ret = 0, t = 0;
    for (; t < S.maxSteps; t++) {
      const [s2, r, terminated, truncated] = env.step(a);
      ret += r;
      // No next action after a terminal state: nothing follows it (and no random draw is spent).
      let a2 = onPolicy && !terminated ? behaviour(s2, eps) : -1;
      update(s, a, r, s2, a2, terminated);
      if (terminated || truncated) { t++; break; }
      if (!onPolicy) a2 = behaviour(s2, eps);
      s = s2;
      a = a2;
    }
    episodeReturns[ep] = ret;
    episodeLengths[ep] = t;
  }
  return { episodeReturns, episodeLengths };
}

/** Q-learning (Watkins 1989): Q(S,A) ← Q(S,A) + α [R + γ max_a Q(S',a) − Q(S,A)]. */
export function qLearning(env: DiscreteEnvLike, params: TabularParams): TabularResult {
  const S = setup('qLearning', env, params, 0.1);
  const Q = table(S.nS, S.nA, S.initialQ);
  const run = tdControl(env, S, params.episodes, (s, e) => epsilonGreedy(Q[s], e, S.gen), (s, a, r, s2, _a2, done) => {
    const target = r + (done ? 0 : S.gamma * maxOf(Q[s2]));
    Q[s][a] += S.alpha * (target - Q[s][a]);
  }, false);
  return { Q, policy: greedy(Q), ...run };
}

/** SARSA (Rummery & Niranjan 1994): Q(S,A) ← Q(S,A) + α [R + γ Q(S',A') − Q(S,A)], A' the action actually taken next. */
export function sarsa(env: DiscreteEnvLike, params: TabularParams): TabularResult {
  const S = setup('sarsa', env, params, 0.1);
  const Q = table(S.nS, S.nA, S.initialQ);
  const run = tdControl(env, S, params.episodes, (s, e) => epsilonGreedy(Q[s], e, S.gen), (s, a, r, s2, a2, done) => {
    const target = r + (done ? 0 : S.gamma * Q[s2][a2]);
    Q[s][a] += S.alpha * (target - Q[s][a]);
  }, true);
  return { Q, policy: greedy(Q), ...run };
}

/**
 * E_π[Q(s, ·)] under the ε-greedy policy: ε times the mean of Q(s, ·) plus (1 − ε) times its
 * maximum (however ties among maximizers are split, each is worth the maximum).
 */
function expectedValue(q: Float64Array, eps: number): number {
  let mean = 0;
  for (const v of q) mean += v / q.length;
  return eps * mean + (1 - eps) * maxOf(q);
}

/** Expected SARSA (van Seijen et al. 2009): the target averages Q(S', ·) over the ε-greedy policy instead of sampling A'. */
export function expectedSarsa(env: DiscreteEnvLike, params: TabularParams): TabularResult {
  const S = setup('expectedSarsa', env, params, 0.1);
  const Q = table(S.nS, S.nA, S.initialQ);
  let eps = 0;
  const behaviour = (s: number, e: number): number => { eps = e; return epsilonGreedy(Q[s], e, S.gen); };
  const run = tdControl(env, S, params.episodes, behaviour, (s, a, r, s2, _a2, done) => {
    const target = r + (done ? 0 : S.gamma * expectedValue(Q[s2], eps));
    Q[s][a] += S.alpha * (target - Q[s][a]);
  }, false);
  return { Q, policy: greedy(Q), ...run };
}

/**
 * Double Q-learning (van Hasselt 2010): two tables; each update picks one at random, chooses
 * the next action with it and evaluates that action with the other, which removes the
 * maximization bias of max_a Q. The behaviour policy is ε-greedy on Q₁ + Q₂.
 */
export function doubleQLearning(env: DiscreteEnvLike, params: TabularParams): TabularResult {
  const S = setup('doubleQLearning', env, params, 0.1);
  const Q1 = table(S.nS, S.nA, S.initialQ), Q2 = table(S.nS, S.nA, S.initialQ);
  const sum = new Float64Array(S.nA);
  const behaviour = (s: number, e: number): number => {
    for (let a = 0; a < S.nA; a++) sum[a] = Q1[s][a] + Q2[s][a];
    return epsilonGreedy(sum, e, S.gen);
  };
  const run = tdControl(env, S, params.episodes, behaviour, (s, a, r, s2, _a2, done) => {
    const [A, B] = S.gen.random() < 0.5 ? [Q1, Q2] : [Q2, Q1];
    let best = 0;
    for (let b = 1; b < S.nA; b++) if (A[s2][b] > A[s2][best]) best = b;
    const target = r + (done ? 0 : S.gamma * B[s2][best]);
    A[s][a] += S.alpha * (target - A[s][a]);
  }, false);
  const Q = Q1.map((q, s) => Float64Array.from(q, (v, a) => (v + Q2[s][a]) / 2));
  return { Q, policy: greedy(Q), ...run };
}

/**
 * On-policy first-visit Monte Carlo control with ε-soft policies (Sutton & Barto §5.4):
 * play a whole episode, then move Q(s, a) towards the return that followed the first visit
 * to (s, a) — by the sample average when `alpha` is omitted, else by a constant step.
 * Episodes cut by `maxSteps` are learned from as if they ended there.
 */
export function monteCarloControl(env: DiscreteEnvLike, params: TabularParams): TabularResult {
  const S = setup('monteCarloControl', env, { ...params, alpha: params.alpha ?? 1 }, 1);
  const Q = table(S.nS, S.nA, S.initialQ);
  const N = table(S.nS, S.nA, 0);
  const episodes = params.episodes;
  const episodeReturns = new Float64Array(episodes), episodeLengths = new Int32Array(episodes);
  const states: number[] = [], actions: number[] = [], rewards: number[] = [];
  for (let ep = 0; ep < episodes; ep++) {
    const eps = S.epsilonAt(ep);
    let [s] = env.reset(ep === 0 ? { seed: S.seed } : undefined);
    states.length = actions.length = rewards.length = 0;
    for (let t = 0; t < S.maxSteps; t++) {
      const a = epsilonGreedy(Q[s], eps, S.gen);
      const [s2, r, terminated, truncated] = env.step(a);
      states.push(s); actions.push(a); rewards.push(r);
      s = s2;
      if (terminated || truncated) break;
    }
    // The first time step at which each (s, a) occurred.
    const first = new Map<number, number>();
    for (let t = 0; t < states.length; t++) {
      const key = states[t] * S.nA + actions[t];
      if (!first.has(key)) first.set(key, t);
    }
    let G = 0;
    for (let t = states.length - 1; t >= 0; t--) {
      G = rewards[t] + S.gamma * G;
      const st = states[t], at = actions[t];
      if (first.get(st * S.nA + at) !== t) continue;
      N[st][at]++;
      const step = params.alpha ?? 1 / N[st][at];
      Q[st][at] += step * (G - Q[st][at]);
    }
    episodeReturns[ep] = rewards.reduce((x, y) => x + y, 0);
    episodeLengths[ep] = states.length;
  }
  return { Q, policy: greedy(Q), episodeReturns, episodeLengths };
}

/**
 * n-step SARSA (Sutton & Barto §7.2): the target sums n rewards before bootstrapping from
 * Q(S_{τ+n}, A_{τ+n}); n = 1 is SARSA, and as n grows it approaches Monte Carlo. An episode
 * cut short (truncated) bootstraps from the state it stopped in.
 *
 * ```ts
 * const { Q } = nStepSarsa(new CliffWalking(), { n: 4, episodes: 300, alpha: 0.2, seed: 0 });
 * ```
 */
export function nStepSarsa(env: DiscreteEnvLike, params: TabularParams & { n?: number }): TabularResult {
  const n = params.n ?? 4;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`nStepSarsa: n must be an integer >= 1, got ${n}`);
  const S = setup('nStepSarsa', env, params, 0.1);
  const Q = table(S.nS, S.nA, S.initialQ);
  const episodes = params.episodes;
  const episodeReturns = new Float64Array(episodes), episodeLengths = new Int32Array(episodes);
  for (let ep = 0; ep < episodes; ep++) {
    const eps = S.epsilonAt(ep);
    const [s0] = env.reset(ep === 0 ? { seed: S.seed } : undefined);
    // states[i], actions[i], rewards[i] = S_i, A_i, R_i (rewards[0] unused).
    const states = [s0], actions = [epsilonGreedy(Q[s0], eps, S.gen)], rewards = [0];
    let T = Infinity, truncatedEnd = false;
    for (let t = 0; ; t++) {
      if (t < T) {
        const [s2, r, terminated, truncated] = env.step(actions[t]);
        states.push(s2);
        rewards.push(r);
        if (terminated) T = t + 1;
        else {
          actions.push(epsilonGreedy(Q[s2], eps, S.gen));
          if (truncated || t + 1 >= S.maxSteps) { T = t + 1; truncatedEnd = true; }
        }
      }
      const tau = t - n + 1;
      if (tau >= 0) {
        const end = Math.min(tau + n, T);
        let G = 0;
        for (let i = end; i > tau; i--) G = rewards[i] + S.gamma * G;
        if (tau + n < T || truncatedEnd) G += S.gamma ** (end - tau) * Q[states[end]][actions[end]];
        const st = states[tau], at = actions[tau];
        Q[st][at] += S.alpha * (G - Q[st][at]);
      }
      if (tau === T - 1) break;
    }
    episodeReturns[ep] = rewards.reduce((x, y) => x + y, 0);
    episodeLengths[ep] = T;
  }
  return { Q, policy: greedy(Q), episodeReturns, episodeLengths };
}
