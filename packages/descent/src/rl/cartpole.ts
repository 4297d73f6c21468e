/**
 * CartPole-v1: balance a pole hinged on a cart by pushing the cart left (action 0) or right
 * (action 1) with a force of 10 N. The dynamics are Barto, Sutton & Anderson (1983) as
 * Gymnasium implements them (gymnasium/envs/classic_control/cartpole.py), Euler-integrated
 * with tau = 0.02 s. The episode terminates when the pole leans more than 12° or the cart
 * leaves [-2.4, 2.4]; the reward is 1 for every step, including the terminating one.
 * CartPole-v1 truncates at 500 steps: `makeCartPole()` wraps the environment in that limit.
 *
 * We keep the state in float64 throughout (Gymnasium returns float32 observations), so a
 * trajectory matches a float64 NumPy transcription of the equations to 1e-12.
 *
 * ```ts
 * const env = makeCartPole();
 * let [obs] = env.reset({ seed: 42 });
 * let done = false, ret = 0;
 * while (!done) { const [o, r, term, trunc] = env.step(obs[2] > 0 ? 1 : 0); obs = o; ret += r; done = term || trunc; }
 * ```
 */
import { BaseEnv, TimeLimit, type Info, type ResetOptions, type StepResult } from './env.js';
import { Box, Discrete } from './spaces.js';
import { cartPoleFrame } from './render.js';

const GRAVITY = 9.8;
const MASS_CART = 1.0;
const MASS_POLE = 0.1;
const TOTAL_MASS = MASS_CART + MASS_POLE;
const LENGTH = 0.5; // half the pole's length
const POLE_MASS_LENGTH = MASS_POLE * LENGTH;
const FORCE_MAG = 10.0;
const TAU = 0.02;
const THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;
const X_THRESHOLD = 2.4;

export class CartPole extends BaseEnv<Float64Array, number> {
  /** [x, xDot, theta, thetaDot]; twice the termination thresholds bound x and theta. */
  readonly observationSpace = new Box(
    [-2 * X_THRESHOLD, -Infinity, -2 * THETA_THRESHOLD, -Infinity],
    [2 * X_THRESHOLD, Infinity, 2 * THETA_THRESHOLD, Infinity],
  );
  readonly actionSpace = new Discrete(2);
  static readonly thetaThreshold = THETA_THRESHOLD;
  static readonly xThreshold = X_THRESHOLD;
  private state = new Float64Array(4);
  private terminated = true;

  /**
   * Each state variable uniform in [-0.05, 0.05). `options.state` (four numbers) starts
   * from a given state instead, for tests and demonstrations.
   */
  reset(opts?: ResetOptions): [Float64Array, Info] {
    this.seedFrom(opts);
    const given = opts?.options?.state as ArrayLike<number> | undefined;
    if (given !== undefined) {
      if (given.length !== 4) throw new RangeError(`CartPole.reset: options.state must have 4 numbers, got ${given.length}`);
      this.state = Float64Array.from(given);
    } else {
      for (let i = 0; i < 4; i++) this.state[i] = this.rng.uniform(-0.05, 0.05);
    }
    this.terminated = false;
    return [Float64Array.from(this.state), {}];
  }

  step(action: number): StepResult<Float64Array> {
    if (action !== 0 && action !== 1) throw new RangeError(`CartPole.step: action must be 0 (push left) or 1 (push right), got ${action}`);
    if (this.terminated) throw new Error('CartPole.step: the episode has ended; call reset() before stepping again');
    let [x, xDot, theta, thetaDot] = this.state;
    const force = action === 1 ? FORCE_MAG : -FORCE_MAG;
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    // Florian (2007), "Correct equations for the dynamics of the cart-pole system", eqs. 23-24
    // with friction dropped, as Gymnasium writes them.
    const temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
    const thetaAcc = (GRAVITY * sin - cos * temp) / (LENGTH * (4.0 / 3.0 - (MASS_POLE * cos * cos) / TOTAL_MASS));
    const xAcc = temp - (POLE_MASS_LENGTH * thetaAcc * cos) / TOTAL_MASS;
    // Explicit Euler: positions advance with the old velocities.
    x = x + TAU * xDot;
    xDot = xDot + TAU * xAcc;
    theta = theta + TAU * thetaDot;
    thetaDot = thetaDot + TAU * thetaAcc;
    this.state = Float64Array.of(x, xDot, theta, thetaDot);
    this.terminated = x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
    return [Float64Array.from(this.state), 1.0, this.terminated, false, {}];
  }

  /** The current state as an SVG frame (600 × 400). */
  render(): string {
    return cartPoleFrame(this.state[0], this.state[2]);
  }
}

/** CartPole-v1 as registered in Gymnasium: `CartPole` truncated at 500 steps. */
export function makeCartPole(): TimeLimit<Float64Array, number> {
  return new TimeLimit(new CartPole(), 500);
}
