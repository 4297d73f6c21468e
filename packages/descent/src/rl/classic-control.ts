/**
 * Two more of Gymnasium's classic-control tasks, with their published dynamics
 * (gymnasium/envs/classic_control/mountain_car.py and pendulum.py), kept in float64.
 *
 * ```ts
 * const car = makeMountainCar();     // MountainCar-v0: 200-step limit
 * let [obs] = car.reset({ seed: 0 });
 * const [next, reward] = car.step(obs[1] < 0 ? 0 : 2); // push with the velocity
 * ```
 */
import { BaseEnv, TimeLimit, type Info, type ResetOptions, type StepResult } from './env.js';
import { Box, Discrete } from './spaces.js';

const clip = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);

function givenState(name: string, opts: ResetOptions | undefined, n: number): Float64Array | null {
  const s = opts?.options?.state as ArrayLike<number> | undefined;
  if (s === undefined) return null;
  if (s.length !== n) throw new RangeError(`${name}.reset: options.state must have ${n} numbers, got ${s.length}`);
  return Float64Array.from(s);
}

/**
 * MountainCar (Moore 1990): an underpowered car in a valley must rock back and forth to reach
 * the flag at x = 0.5. Actions: 0 push left, 1 no push, 2 push right. Reward −1 per step.
 * v ← clip(v + (a − 1)·0.001 − 0.0025·cos(3x), ±0.07); x ← clip(x + v, −1.2, 0.6), and the car
 * stops dead at the left wall. Starts at x uniform in [−0.6, −0.4), v = 0.
 */
export class MountainCar extends BaseEnv<Float64Array, number> {
  readonly observationSpace = new Box([-1.2, -0.07], [0.6, 0.07]);
  readonly actionSpace = new Discrete(3);
  private state: Float64Array = new Float64Array(2);

  reset(opts?: ResetOptions): [Float64Array, Info] {
    this.seedFrom(opts);
    this.state = givenState('MountainCar', opts, 2) ?? Float64Array.of(this.rng.uniform(-0.6, -0.4), 0);
    return [Float64Array.from(this.state), {}];
  }

  step(action: number): StepResult<Float64Array> {
    if (!this.actionSpace.contains(action)) throw new RangeError(`MountainCar.step: action must be 0 (left), 1 (none) or 2 (right), got ${action}`);
    let [position, velocity] = this.state;
    velocity += (action - 1) * 0.001 + Math.cos(3 * position) * -0.0025;
    velocity = clip(velocity, -0.07, 0.07);
    position += velocity;
    position = clip(position, -1.2, 0.6);
    if (position === -1.2 && velocity < 0) velocity = 0;
    const terminated = position >= 0.5 && velocity >= 0;
    this.state = Float64Array.of(position, velocity);
    return [Float64Array.from(this.state), -1, terminated, false, {}];
  }
}

/** MountainCar-v0: `MountainCar` truncated at 200 steps. */
export function makeMountainCar(): TimeLimit<Float64Array, number> {
  return new TimeLimit(new MountainCar(), 200);
}

/** Wraps an angle into [−π, π), as Python's `((x + π) % 2π) − π` does (its % takes the divisor's sign). */
export function angleNormalize(x: number): number {
  let m = (x + Math.PI) % (2 * Math.PI);
  if (m !== 0 && m < 0) m += 2 * Math.PI;
  return m - Math.PI;
}

/**
 * Pendulum: swing a frictionless pendulum up and hold it upright with a torque u ∈ [−2, 2].
 * θ̇ ← clip(θ̇ + (3g/2l · sin θ + 3/(ml²) · u)·dt, ±8), θ ← θ + θ̇·dt with g = 10, m = l = 1,
 * dt = 0.05; reward −(θ² + 0.1 θ̇² + 0.001 u²) with θ wrapped to [−π, π). The observation is
 * [cos θ, sin θ, θ̇]; the episode never terminates (Pendulum-v1 truncates at 200 steps).
 */
export class Pendulum extends BaseEnv<Float64Array, ArrayLike<number>> {
  readonly observationSpace = new Box([-1, -1, -8], [1, 1, 8]);
  readonly actionSpace = new Box([-2], [2]);
  private state: Float64Array = new Float64Array(2);
  constructor(readonly g = 10.0) {
    super();
  }

  private observe(): Float64Array {
    const [th, thdot] = this.state;
    return Float64Array.of(Math.cos(th), Math.sin(th), thdot);
  }

  /** θ uniform in [−π, π), θ̇ uniform in [−1, 1); `options.state` = [θ, θ̇] starts from a given state. */
  reset(opts?: ResetOptions): [Float64Array, Info] {
    this.seedFrom(opts);
    this.state = givenState('Pendulum', opts, 2) ?? Float64Array.of(this.rng.uniform(-Math.PI, Math.PI), this.rng.uniform(-1, 1));
    return [this.observe(), {}];
  }

  step(action: ArrayLike<number>): StepResult<Float64Array> {
    if (action.length !== 1 || !Number.isFinite(action[0])) throw new RangeError('Pendulum.step: action must be one finite torque, e.g. [0.5]');
    const [th, thdot] = this.state;
    const u = clip(action[0], -2, 2);
    const dt = 0.05, m = 1, l = 1;
    const costs = angleNormalize(th) ** 2 + 0.1 * thdot ** 2 + 0.001 * u ** 2;
    let newThdot = thdot + ((3 * this.g) / (2 * l) * Math.sin(th) + (3.0 / (m * l ** 2)) * u) * dt;
    newThdot = clip(newThdot, -8, 8);
    this.state = Float64Array.of(th + newThdot * dt, newThdot);
    return [this.observe(), -costs, false, false, {}];
  }
}

/** Pendulum-v1: `Pendulum` truncated at 200 steps. */
export function makePendulum(): TimeLimit<Float64Array, ArrayLike<number>> {
  return new TimeLimit(new Pendulum(), 200);
}
