/**
 * Tabular environments with a known model, in the layout of Gymnasium's toy-text
 * environments: `P[s][a]` lists the outcomes `[probability, nextState, reward, terminated]`
 * of taking action `a` in state `s`. The planners in `planning.ts` read `P` directly; the
 * learning agents only `step`.
 *
 * ```ts
 * const env = new FrozenLake({ isSlippery: true });
 * const [s] = env.reset({ seed: 0 });
 * const [next, reward, terminated] = env.step(2); // try to move right
 * env.P[0][2]; // [[1/3, 0, 0, false], [1/3, 1, 0, false], [1/3, 4, 0, false]]
 * ```
 */
import { BaseEnv, type Info, type ResetOptions, type StepResult } from './env.js';
import { Discrete } from './spaces.js';

/** One outcome of an action: `[probability, nextState, reward, terminated]`. */
export type Transition = [prob: number, next: number, reward: number, done: boolean];
/** A tabular model: `P[state][action]` is the list of outcomes. */
export type TransitionTable = Transition[][][];

/** A finite MDP with a known model; subclasses build `P` and the start distribution. */
export class DiscreteEnv extends BaseEnv<number, number> {
  readonly observationSpace: Discrete;
  readonly actionSpace: Discrete;
  private s = 0;
  private lastAction: number | null = null;

  constructor(readonly P: TransitionTable, readonly initialStateDistribution: readonly number[]) {
    super();
    if (P.length !== initialStateDistribution.length) {
      throw new RangeError(`DiscreteEnv: P has ${P.length} states but the initial distribution has ${initialStateDistribution.length}`);
    }
    this.observationSpace = new Discrete(P.length);
    this.actionSpace = new Discrete(P[0]?.length ?? 1);
  }

  get nStates(): number {
    return this.observationSpace.n;
  }
  get nActions(): number {
    return this.actionSpace.n;
  }
  /** The current state (for rendering and tests). */
  get state(): number {
    return this.s;
  }

  reset(opts?: ResetOptions): [number, Info] {
    this.seedFrom(opts);
    this.s = categorical(this.initialStateDistribution, this.rng.random());
    this.lastAction = null;
    return [this.s, { prob: 1 }];
  }

  step(action: number): StepResult<number> {
    if (!this.actionSpace.contains(action)) {
      throw new RangeError(`${this.constructor.name}.step: action must be an integer in [0, ${this.nActions - 1}], got ${action}`);
    }
    const outcomes = this.P[this.s][action];
    // Inverse-CDF sampling on the listed order, like Gymnasium's categorical_sample.
    const i = categorical(outcomes.map((t) => t[0]), this.rng.random());
    const [prob, next, reward, done] = outcomes[i];
    this.s = next;
    this.lastAction = action;
    return [next, reward, done, false, { prob }];
  }

  /** The index of the last action taken, or null after a reset. */
  get previousAction(): number | null {
    return this.lastAction;
  }

  /** The grid the states are laid out on, row by row (for rendering); null if the MDP is not a grid. */
  get layout(): readonly string[] | null {
    return null;
  }

  /**
   * A text frame: the grid with the agent's cell shown as `@` (what Gymnasium's `ansi`
   * render mode shows, without colour codes). Throws for MDPs that are not grids.
   */
  render(): string {
    const rows = this.layout;
    if (rows === null) throw new Error(`${this.constructor.name}.render: this MDP has no grid layout to draw`);
    const ncol = rows[0].length;
    const r = Math.floor(this.s / ncol), c = this.s % ncol;
    return rows.map((row, i) => (i === r ? row.slice(0, c) + '@' + row.slice(c + 1) : row)).join('\n');
  }
}

/** The first index whose cumulative probability exceeds `u`. */
function categorical(probs: readonly number[], u: number): number {
  let c = 0;
  for (let i = 0; i < probs.length; i++) {
    c += probs[i];
    if (c > u) return i;
  }
  return probs.length - 1;
}

/** Moves on a character grid: 0 left, 1 down, 2 right, 3 up (FrozenLake's numbering). */
const MOVES: readonly (readonly [number, number])[] = [[0, -1], [1, 0], [0, 1], [-1, 0]];
export const LEFT = 0, DOWN = 1, RIGHT = 2, UP = 3;

function checkMap(name: string, map: readonly string[]): void {
  if (map.length === 0 || map.some((row) => row.length !== map[0].length)) {
    throw new RangeError(`${name}: map must be a non-empty list of rows of equal length`);
  }
}

export interface FrozenLakeParams {
  /** Rows of S (start), F (frozen), H (hole), G (goal). Default: the 4x4 map. */
  map?: readonly string[];
  /** With a slippery lake the agent moves in the intended direction or either perpendicular one, 1/3 each. Default true. */
  isSlippery?: boolean;
}

/**
 * FrozenLake (Gymnasium's FrozenLake-v1): walk from S to G across ice without falling into
 * a hole H. Reward 1 on reaching G, 0 otherwise; G and H end the episode. On slippery ice
 * each action goes its own way or either perpendicular way with probability 1/3; the three
 * outcomes are listed separately even when two lead to the same cell, as Gymnasium does.
 */
export class FrozenLake extends DiscreteEnv {
  static readonly MAP_4x4 = ['SFFF', 'FHFH', 'FFFH', 'HFFG'] as const;
  readonly map: readonly string[];
  constructor(params: FrozenLakeParams = {}) {
    const map = params.map ?? FrozenLake.MAP_4x4;
    const slippery = params.isSlippery ?? true;
    checkMap('FrozenLake', map);
    const nrow = map.length, ncol = map[0].length;
    const P: TransitionTable = [];
    for (let r = 0; r < nrow; r++) {
      for (let c = 0; c < ncol; c++) {
        const row: Transition[][] = [];
        for (let a = 0; a < 4; a++) {
          if ('GH'.includes(map[r][c])) {
            row.push([[1.0, r * ncol + c, 0, true]]);
            continue;
          }
          const dirs = slippery ? [(a + 3) % 4, a, (a + 1) % 4] : [a];
          row.push(dirs.map((b): Transition => {
            const nr = Math.min(Math.max(r + MOVES[b][0], 0), nrow - 1);
            const nc = Math.min(Math.max(c + MOVES[b][1], 0), ncol - 1);
            const letter = map[nr][nc];
            return [slippery ? 1 / 3 : 1.0, nr * ncol + nc, letter === 'G' ? 1 : 0, letter === 'G' || letter === 'H'];
          }));
        }
        P.push(row);
      }
    }
    const starts = map.join('').split('').map((ch) => (ch === 'S' ? 1 : 0));
    const nStart = starts.reduce((a: number, b) => a + b, 0);
    if (nStart === 0) throw new RangeError('FrozenLake: map needs at least one start cell S');
    super(P, starts.map((x) => x / nStart));
    this.map = map;
  }
  override get layout(): readonly string[] {
    return this.map;
  }
}

/**
 * CliffWalking (Sutton & Barto, Example 6.6; Gymnasium's CliffWalking-v0): a 4x12 grid,
 * start at the bottom-left, goal at the bottom-right, the cells between them a cliff.
 * Every step costs -1; stepping onto the cliff costs -100 and sends the agent back to the
 * start without ending the episode. Actions: 0 up, 1 right, 2 down, 3 left (Gymnasium's order).
 */
export class CliffWalking extends DiscreteEnv {
  static readonly shape = [4, 12] as const;
  constructor() {
    const [nrow, ncol] = CliffWalking.shape;
    const start = (nrow - 1) * ncol;
    const goal = nrow * ncol - 1;
    const deltas = [[-1, 0], [0, 1], [1, 0], [0, -1]];
    const P: TransitionTable = [];
    for (let r = 0; r < nrow; r++) {
      for (let c = 0; c < ncol; c++) {
        P.push(deltas.map(([dr, dc]): Transition[] => {
          const nr = Math.min(Math.max(r + dr, 0), nrow - 1);
          const nc = Math.min(Math.max(c + dc, 0), ncol - 1);
          const cliff = nr === nrow - 1 && nc > 0 && nc < ncol - 1;
          if (cliff) return [[1.0, start, -100, false]];
          const next = nr * ncol + nc;
          return [[1.0, next, -1, next === goal]];
        }));
      }
    }
    const init = new Array<number>(nrow * ncol).fill(0);
    init[start] = 1;
    super(P, init);
  }
  /** S start, C cliff, G goal, . floor. */
  override get layout(): readonly string[] {
    const [nrow, ncol] = CliffWalking.shape;
    return Array.from({ length: nrow }, (_, r) => (r < nrow - 1 ? '.'.repeat(ncol) : 'S' + 'C'.repeat(ncol - 2) + 'G'));
  }
}

export interface GridWorldParams {
  /** Rows of `.` (floor), `#` (wall), `S` (start), `G` (goal, ends the episode), `T` (trap, ends the episode). */
  map: readonly string[];
  /** Probability that the move goes to one of the two perpendicular directions instead (split evenly). Default 0. */
  slip?: number;
  /** Reward for every step that does not end on G or T. Default 0. */
  stepReward?: number;
  goalReward?: number;
  trapReward?: number;
}

/**
 * A grid world you design: walls block moves (the agent stays put), G and T end the
 * episode with their rewards, and with `slip > 0` the agent slides sideways. Actions are
 * FrozenLake's: 0 left, 1 down, 2 right, 3 up.
 *
 * ```ts
 * const env = new GridWorld({ map: ['S..G', '.#.T', '....'], slip: 0.2, stepReward: -0.04 });
 * ```
 */
export class GridWorld extends DiscreteEnv {
  readonly map: readonly string[];
  constructor(params: GridWorldParams) {
    const { map, slip = 0, stepReward = 0, goalReward = 1, trapReward = -1 } = params;
    checkMap('GridWorld', map);
    if (!(slip >= 0 && slip <= 1)) throw new RangeError(`GridWorld: slip must be a probability in [0, 1], got ${slip}`);
    const nrow = map.length, ncol = map[0].length;
    if (!/^[.#SGT]*$/.test(map.join(''))) throw new RangeError('GridWorld: map may only contain . # S G T');
    const P: TransitionTable = [];
    for (let r = 0; r < nrow; r++) {
      for (let c = 0; c < ncol; c++) {
        const here = map[r][c];
        const row: Transition[][] = [];
        for (let a = 0; a < 4; a++) {
          if (here === 'G' || here === 'T' || here === '#') {
            row.push([[1.0, r * ncol + c, 0, true]]);
            continue;
          }
          const outcomes: [number, number][] = [[a, 1 - slip], [(a + 3) % 4, slip / 2], [(a + 1) % 4, slip / 2]];
          const merged = new Map<number, number>();
          for (const [b, p] of outcomes) {
            if (p === 0) continue;
            let nr = r + MOVES[b][0], nc = c + MOVES[b][1];
            if (nr < 0 || nr >= nrow || nc < 0 || nc >= ncol || map[nr][nc] === '#') { nr = r; nc = c; }
            const next = nr * ncol + nc;
            merged.set(next, (merged.get(next) ?? 0) + p);
          }
          row.push([...merged].map(([next, p]): Transition => {
            const letter = map[Math.floor(next / ncol)][next % ncol];
            const reward = letter === 'G' ? goalReward : letter === 'T' ? trapReward : stepReward;
            return [p, next, reward, letter === 'G' || letter === 'T'];
          }));
        }
        P.push(row);
      }
    }
    const starts = map.join('').split('').map((ch) => (ch === 'S' ? 1 : 0));
    const nStart = starts.reduce((x: number, y) => x + y, 0);
    if (nStart === 0) throw new RangeError('GridWorld: map needs at least one start cell S');
    super(P, starts.map((x) => x / nStart));
    this.map = map;
  }
  override get layout(): readonly string[] {
    return this.map;
  }
}
