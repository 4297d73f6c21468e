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
import { acrobotFrame, mountainCarFrame, pendulumFrame } from './render.js';

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

  /** The current state as an SVG frame (600 × 400). */
  render(): string {
    return mountainCarFrame(this.state[0]);
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

  /** The current state as an SVG frame (600 × 400). */
  render(): string {
    return pendulumFrame(this.state[0]);
  }
}

/** Pendulum-v1: `Pendulum` truncated at 200 steps. */
export function makePendulum(): TimeLimit<Float64Array, ArrayLike<number>> {
  return new TimeLimit(new Pendulum(), 200);
}

/** Adds or subtracts the period until x lies in [lo, hi] (Gymnasium's `wrap`). */
function wrapAngle(x: number, lo: number, hi: number): number {
  const period = hi - lo;
  while (x > hi) x -= period;
  while (x < lo) x += period;
  return x;
}

const ACROBOT = { m1: 1, m2: 1, l1: 1, lc1: 0.5, lc2: 0.5, I1: 1, I2: 1, g: 9.8 };

/**
 * d/dt of [θ₁, θ₂, θ̇₁, θ̇₂] for torque τ on the second joint: the acrobot equations of Sutton
 * & Barto's book (Spong 1995), solved for the accelerations. From the first joint's equation
 * d₁θ̈₁ + d₂θ̈₂ + φ₁ = 0 and the second's, θ̈₂ = (τ + d₂/d₁·φ₁ − m₂l₁l_c2·θ̇₁² sin θ₂ − φ₂) /
 * (m₂l_c2² + I₂ − d₂²/d₁) and θ̈₁ = −(d₂θ̈₂ + φ₁)/d₁.
 */
function acrobotDerivs(s: ArrayLike<number>, torque: number): Float64Array {
  const { m1, m2, l1, lc1, lc2, I1, I2, g } = ACROBOT;
  const [th1, th2, dth1, dth2] = [s[0], s[1], s[2], s[3]];
  const d1 = m1 * lc1 ** 2 + m2 * (l1 ** 2 + lc2 ** 2 + 2 * l1 * lc2 * Math.cos(th2)) + I1 + I2;
  const d2 = m2 * (lc2 ** 2 + l1 * lc2 * Math.cos(th2)) + I2;
  const phi2 = m2 * lc2 * g * Math.cos(th1 + th2 - Math.PI / 2);
  const phi1 = -m2 * l1 * lc2 * dth2 ** 2 * Math.sin(th2)
    - 2 * m2 * l1 * lc2 * dth2 * dth1 * Math.sin(th2)
    + (m1 * lc1 + m2 * l1) * g * Math.cos(th1 - Math.PI / 2)
    + phi2;
  const ddth2 = (torque + (d2 / d1) * phi1 - m2 * l1 * lc2 * dth1 ** 2 * Math.sin(th2) - phi2) / (m2 * lc2 ** 2 + I2 - d2 ** 2 / d1);
  const ddth1 = -(d2 * ddth2 + phi1) / d1;
  return Float64Array.of(dth1, dth2, ddth1, ddth2);
}

/**
 * Acrobot (Sutton 1996; Gymnasium's Acrobot-v1): two links hanging down, torque −1, 0 or +1
 * (actions 0, 1, 2) on the joint between them; swing the tip above one link's length over
 * the pivot (−cos θ₁ − cos(θ₁ + θ₂) > 1). One classical Runge–Kutta step of 0.2 s per action,
 * angles wrapped to [−π, π], velocities clipped to ±4π and ±9π. Reward −1 per step, 0 on the
 * terminating one. Observation [cos θ₁, sin θ₁, cos θ₂, sin θ₂, θ̇₁, θ̇₂].
 */
export class Acrobot extends BaseEnv<Float64Array, number> {
  readonly observationSpace = new Box([-1, -1, -1, -1, -4 * Math.PI, -9 * Math.PI], [1, 1, 1, 1, 4 * Math.PI, 9 * Math.PI]);
  readonly actionSpace = new Discrete(3);
  private state: Float64Array = new Float64Array(4);

  private observe(): Float64Array {
    const [a, b, c, d] = this.state;
    return Float64Array.of(Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b), c, d);
  }

  /** Each of [θ₁, θ₂, θ̇₁, θ̇₂] uniform in [−0.1, 0.1); `options.state` starts from a given state. */
  reset(opts?: ResetOptions): [Float64Array, Info] {
    this.seedFrom(opts);
    this.state = givenState('Acrobot', opts, 4) ?? Float64Array.from({ length: 4 }, () => this.rng.uniform(-0.1, 0.1));
    return [this.observe(), {}];
  }

  step(action: number): StepResult<Float64Array> {
    if (!this.actionSpace.contains(action)) throw new RangeError(`Acrobot.step: action must be 0 (torque -1), 1 (none) or 2 (+1), got ${action}`);
    const torque = action - 1;
    const y = this.state, dt = 0.2;
    // Classical RK4: k1 at the start, k2 and k3 at the midpoint, k4 at the end.
    const k1 = acrobotDerivs(y, torque);
    const k2 = acrobotDerivs(y.map((v, i) => v + (dt / 2) * k1[i]), torque);
    const k3 = acrobotDerivs(y.map((v, i) => v + (dt / 2) * k2[i]), torque);
    const k4 = acrobotDerivs(y.map((v, i) => v + dt * k3[i]), torque);
    const ns = y.map((v, i) => v + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
    ns[0] = wrapAngle(ns[0], -Math.PI, Math.PI);
    ns[1] = wrapAngle(ns[1], -Math.PI, Math.PI);
    ns[2] = clip(ns[2], -4 * Math.PI, 4 * Math.PI);
    ns[3] = clip(ns[3], -9 * Math.PI, 9 * Math.PI);
    this.state = ns;
    const terminated = -Math.cos(ns[0]) - Math.cos(ns[1] + ns[0]) > 1.0;
    return [this.observe(), terminated ? 0 : -1, terminated, false, {}];
  }

  /** The current state as an SVG frame (600 × 400). */
  render(): string {
    return acrobotFrame(this.state[0], this.state[1]);
  }
}

/** Acrobot-v1: `Acrobot` truncated at 500 steps. */
export function makeAcrobot(): TimeLimit<Float64Array, number> {
  return new TimeLimit(new Acrobot(), 500);
}
