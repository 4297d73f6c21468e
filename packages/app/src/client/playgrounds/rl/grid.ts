/**
 * The grid-world half of the RL playground, without the DOM: the map the learner edits, the
 * `GridWorld` built from it, and two solvers that advance one visible step at a time —
 * value iteration (one in-place sweep of Bellman optimality backups per step, reading the
 * model) and Q-learning (one ε-greedy transition per step, never reading the model).
 *
 * ```ts
 * let map = DEFAULT_MAP;
 * map = paint(map, 1, 2, '#');
 * const vi = new ValueIterationStepper(buildWorld({ ...DEFAULT_SETTINGS, map }));
 * vi.sweep();            // one sweep; vi.V, vi.residual, vi.policy()
 * ```
 */
import { actionValue, argmax, bellmanResidual, epsilonGreedy, GridWorld } from 'descent/rl';
import { Generator } from 'descent/random';

/** Floor, wall, start, goal, trap: GridWorld's letters. */
export type Cell = '.' | '#' | 'S' | 'G' | 'T';
export const CELLS: readonly Cell[] = ['.', '#', 'S', 'G', 'T'];

export interface WorldSettings {
  map: readonly string[];
  /** Probability of sliding to one of the two perpendicular directions. */
  slip: number;
  stepReward: number;
  goalReward: number;
  trapReward: number;
  gamma: number;
}

/** Two routes of equal length to G: along the wall (safe) or along the traps (risky when slippery). */
export const DEFAULT_MAP: readonly string[] = ['S......', '.#####.', '.TTTTT.', '.......', '.#.#..G'];

export const DEFAULT_SETTINGS: WorldSettings = { map: DEFAULT_MAP, slip: 0.2, stepReward: -0.04, goalReward: 1, trapReward: -1, gamma: 0.95 };

/**
 * The map with cell (r, c) set to `cell`. There is always exactly one start: painting `S`
 * moves it, and painting over the start is refused (the map comes back unchanged).
 */
export function paint(map: readonly string[], r: number, c: number, cell: Cell): string[] {
  const rows = [...map];
  if (r < 0 || r >= rows.length || c < 0 || c >= rows[0].length) return rows;
  if (rows[r][c] === 'S' && cell !== 'S') return rows;
  if (cell === 'S') for (let i = 0; i < rows.length; i++) rows[i] = rows[i].replaceAll('S', '.');
  rows[r] = rows[r].slice(0, c) + cell + rows[r].slice(c + 1);
  return rows;
}

/** Reads a map from the query string (rows joined by `/`), or null when it is not a valid map. */
export function parseMap(text: string | null): string[] | null {
  if (!text) return null;
  const rows = text.split('/');
  if (rows.length < 2 || rows.length > 10 || rows.some((r) => r.length !== rows[0].length || r.length < 2 || r.length > 12)) return null;
  if (!/^[.#SGT]+$/.test(rows.join('')) || rows.join('').split('S').length !== 2) return null;
  return rows;
}

export function buildWorld(s: WorldSettings): GridWorld {
  return new GridWorld({ map: s.map, slip: s.slip, stepReward: s.stepReward, goalReward: s.goalReward, trapReward: s.trapReward });
}

/** States an agent can stand in (not walls, not the terminal G and T cells). */
export function isOpen(map: readonly string[], s: number): boolean {
  const ncol = map[0].length;
  const ch = map[Math.floor(s / ncol)][s % ncol];
  return ch === '.' || ch === 'S';
}

/** Value iteration, one in-place sweep at a time (Sutton & Barto §4.4). */
export class ValueIterationStepper {
  readonly V: Float64Array;
  sweeps = 0;
  /** max_s |V(s) − max_a q(s, a)| after the last sweep (Infinity before the first). */
  residual = Infinity;

  constructor(readonly world: GridWorld, readonly gamma: number) {
    this.V = new Float64Array(world.nStates);
  }

  sweep(): void {
    const P = this.world.P;
    for (let s = 0; s < P.length; s++) {
      let best = -Infinity;
      for (let a = 0; a < P[s].length; a++) best = Math.max(best, actionValue(P, this.V, s, a, this.gamma));
      this.V[s] = best;
    }
    this.sweeps++;
    this.residual = bellmanResidual(P, this.V, this.gamma);
  }

  get converged(): boolean {
    return this.residual < 1e-8;
  }

  /** The greedy action in every state under the current V. */
  policy(): Int32Array {
    const P = this.world.P;
    return Int32Array.from(P, (_, s) => argmax(Float64Array.from(P[s], (__, a) => actionValue(P, this.V, s, a, this.gamma))));
  }

  /** The values to colour the grid with. */
  values(): Float64Array {
    return this.V;
  }
}

/**
 * Q-learning (Watkins 1989), one ε-greedy transition per `step()`:
 * Q(s, a) ← Q(s, a) + α (r + γ max_a' Q(s', a') − Q(s, a)), no bootstrap after a terminal
 * transition. Episodes longer than `maxSteps` are cut (and still bootstrap).
 */
export class QLearningStepper {
  readonly Q: Float64Array[];
  readonly episodeReturns: number[] = [];
  steps = 0;
  private readonly gen: Generator;
  private s: number;
  private t = 0;
  private ret = 0;

  constructor(readonly world: GridWorld, readonly params: { gamma: number; alpha: number; epsilon: number; seed: number; maxSteps?: number }) {
    this.Q = Array.from({ length: world.nStates }, () => new Float64Array(world.nActions));
    this.gen = new Generator(params.seed);
    [this.s] = world.reset({ seed: params.seed });
  }

  /** The agent's current cell (for drawing it). */
  get state(): number {
    return this.s;
  }

  get episodes(): number {
    return this.episodeReturns.length;
  }

  /** One transition; returns true when it ended an episode. */
  step(): boolean {
    const { gamma, alpha, epsilon, maxSteps = 200 } = this.params;
    const s = this.s;
    const a = epsilonGreedy(this.Q[s], epsilon, this.gen);
    const [next, r, terminated] = this.world.step(a);
    const target = r + (terminated ? 0 : gamma * Math.max(...this.Q[next]));
    this.Q[s][a] += alpha * (target - this.Q[s][a]);
    this.steps++;
    this.t++;
    this.ret += r;
    this.s = next;
    if (terminated || this.t >= maxSteps) {
      this.episodeReturns.push(this.ret);
      this.ret = 0;
      this.t = 0;
      [this.s] = this.world.reset();
      return true;
    }
    return false;
  }

  /** Steps until the current episode ends (at most `maxSteps` transitions). */
  episode(): void {
    while (!this.step()) { /* keep stepping */ }
  }

  policy(): Int32Array {
    return Int32Array.from(this.Q, (q) => argmax(q));
  }

  /** max_a Q(s, a), the learned state values. */
  values(): Float64Array {
    return Float64Array.from(this.Q, (q) => Math.max(...q));
  }
}
