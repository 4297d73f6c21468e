/**
 * Dynamic programming on a known tabular MDP (Sutton & Barto, ch. 4). Every function reads
 * a toy-text transition table `P[s][a] = [[prob, next, reward, done], ...]`; a transition
 * with `done` contributes its reward and nothing beyond it.
 *
 * ```ts
 * const { V, policy } = valueIteration(new FrozenLake().P, { gamma: 0.99 });
 * ```
 */
import type { TransitionTable } from './toy-text.js';

export interface PlanningParams {
  /** Discount factor in [0, 1]. Default 0.99. */
  gamma?: number;
  /** Stop when the largest change in a sweep is below this. Default 1e-12. */
  tol?: number;
  /** Sweep limit; reaching it throws (the values have not converged). Default 100000. */
  maxIterations?: number;
}

/** A deterministic policy (one action per state) or a stochastic one (`pi[s][a]`). */
export type Policy = ArrayLike<number> | readonly ArrayLike<number>[];

function settings(name: string, p: PlanningParams): Required<PlanningParams> {
  const gamma = p.gamma ?? 0.99, tol = p.tol ?? 1e-12, maxIterations = p.maxIterations ?? 100000;
  if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`${name}: gamma must be in [0, 1], got ${gamma}`);
  if (!(tol > 0)) throw new RangeError(`${name}: tol must be > 0, got ${tol}`);
  return { gamma, tol, maxIterations };
}

/**
 * q(s, a) = Σ p · (r + γ · V(s') · [not done]): the one-step lookahead (the Bellman backup).
 *
 * ```ts
 * actionValue(env.P, V, 14, 2, 0.99); // FrozenLake: value of pushing right next to the goal
 * ```
 */
export function actionValue(P: TransitionTable, V: ArrayLike<number>, s: number, a: number, gamma: number): number {
  let q = 0;
  for (const [p, next, r, done] of P[s][a]) q += p * (r + (done ? 0 : gamma * V[next]));
  return q;
}

/** All action values Q[s][a] under V: `qFromV(env.P, V, 0.99)[s][a]`. */
export function qFromV(P: TransitionTable, V: ArrayLike<number>, gamma: number): Float64Array[] {
  return P.map((row, s) => Float64Array.from(row, (_, a) => actionValue(P, V, s, a, gamma)));
}

/** The greedy policy under V; ties go to the lowest action index (as NumPy's argmax): `greedyPolicy(env.P, V, 0.99)`. */
export function greedyPolicy(P: TransitionTable, V: ArrayLike<number>, gamma: number): Int32Array {
  return Int32Array.from(qFromV(P, V, gamma), argmax);
}

/** The first index of the largest value: `argmax([1, 3, 3]) === 1`. */
export function argmax(xs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[best]) best = i;
  return best;
}

/** max_s |V(s) − max_a q(s, a)|: zero exactly at the optimal value function: `bellmanResidual(env.P, V, 0.99) < 1e-10`. */
export function bellmanResidual(P: TransitionTable, V: ArrayLike<number>, gamma: number): number {
  let worst = 0;
  P.forEach((row, s) => {
    let best = -Infinity;
    for (let a = 0; a < row.length; a++) best = Math.max(best, actionValue(P, V, s, a, gamma));
    worst = Math.max(worst, Math.abs(best - V[s]));
  });
  return worst;
}

/**
 * Iterative policy evaluation (in-place Gauss–Seidel sweeps, Sutton & Barto §4.1):
 * V(s) ← Σ_a π(a|s) q(s, a) until a sweep changes no value by more than `tol`.
 *
 * ```ts
 * const V = policyEvaluation(env.P, new Int32Array(env.nStates), { gamma: 0.9 }); // always action 0
 * ```
 */
export function policyEvaluation(P: TransitionTable, policy: Policy, params: PlanningParams = {}, V0?: ArrayLike<number>): Float64Array {
  const { gamma, tol, maxIterations } = settings('policyEvaluation', params);
  if (policy.length !== P.length) throw new RangeError(`policyEvaluation: policy has ${policy.length} states, P has ${P.length}`);
  const V = V0 ? Float64Array.from(V0) : new Float64Array(P.length);
  for (let it = 0; it < maxIterations; it++) {
    let delta = 0;
    for (let s = 0; s < P.length; s++) {
      const pi = policy[s];
      let v = 0;
      if (typeof pi === 'number') v = actionValue(P, V, s, pi, gamma);
      else for (let a = 0; a < pi.length; a++) if (pi[a] !== 0) v += pi[a] * actionValue(P, V, s, a, gamma);
      delta = Math.max(delta, Math.abs(v - V[s]));
      V[s] = v;
    }
    if (delta < tol) return V;
  }
  throw new Error(`policyEvaluation: no convergence in ${maxIterations} sweeps; with gamma = 1 the policy may never terminate — lower gamma or raise maxIterations`);
}

export interface PlanningResult {
  /** Optimal state values. */
  V: Float64Array;
  /** Optimal action values Q[s][a]. */
  Q: Float64Array[];
  /** A greedy (optimal) deterministic policy. */
  policy: Int32Array;
  /** Sweeps (value iteration) or improvement steps (policy iteration) used. */
  iterations: number;
}

/**
 * Value iteration (Sutton & Barto §4.4): V(s) ← max_a q(s, a), swept in place until no
 * value moves by more than `tol`.
 *
 * ```ts
 * const { V, policy } = valueIteration(new CliffWalking().P, { gamma: 0.95 });
 * ```
 */
export function valueIteration(P: TransitionTable, params: PlanningParams = {}): PlanningResult {
  const { gamma, tol, maxIterations } = settings('valueIteration', params);
  const V = new Float64Array(P.length);
  for (let it = 1; it <= maxIterations; it++) {
    let delta = 0;
    for (let s = 0; s < P.length; s++) {
      let best = -Infinity;
      for (let a = 0; a < P[s].length; a++) best = Math.max(best, actionValue(P, V, s, a, gamma));
      delta = Math.max(delta, Math.abs(best - V[s]));
      V[s] = best;
    }
    if (delta < tol) return { V, Q: qFromV(P, V, gamma), policy: greedyPolicy(P, V, gamma), iterations: it };
  }
  throw new Error(`valueIteration: no convergence in ${maxIterations} sweeps; lower gamma or raise maxIterations`);
}

/**
 * Policy iteration (Sutton & Barto §4.3): evaluate the policy, make it greedy, repeat until
 * it no longer changes. An action only replaces the current one if it is better by more
 * than a rounding margin, so equal-valued actions cannot make it cycle.
 *
 * ```ts
 * const { V, policy, iterations } = policyIteration(new FrozenLake().P, { gamma: 0.99 });
 * ```
 */
export function policyIteration(P: TransitionTable, params: PlanningParams = {}): PlanningResult {
  const { gamma, tol, maxIterations } = settings('policyIteration', params);
  const policy = new Int32Array(P.length);
  let V: Float64Array = new Float64Array(P.length);
  for (let it = 1; it <= maxIterations; it++) {
    V = policyEvaluation(P, policy, { gamma, tol, maxIterations: 1000000 }, V);
    let stable = true;
    for (let s = 0; s < P.length; s++) {
      const q = Float64Array.from(P[s], (_, a) => actionValue(P, V, s, a, gamma));
      const best = argmax(q);
      if (q[best] > q[policy[s]] + 1e-10 * (1 + Math.abs(q[best]))) {
        policy[s] = best;
        stable = false;
      }
    }
    if (stable) return { V, Q: qFromV(P, V, gamma), policy, iterations: it };
  }
  throw new Error(`policyIteration: policy still changing after ${maxIterations} improvements`);
}
