/**
 * The environment contract, Gymnasium's (https://gymnasium.farama.org/api/env/):
 * `reset({ seed })` returns `[observation, info]`; `step(action)` returns
 * `[observation, reward, terminated, truncated, info]`. `terminated` means the task reached
 * a terminal state (the value beyond it is zero); `truncated` means an outside limit cut the
 * episode short (the value beyond it is not zero — bootstrapping agents must tell these apart).
 *
 * ```ts
 * const env = makeCartPole();
 * let [obs] = env.reset({ seed: 0 });
 * const [next, reward, terminated, truncated] = env.step(1);
 * ```
 */
import { Generator } from '../random/index.js';
import type { Space } from './spaces.js';

export type Info = Record<string, unknown>;
export type StepResult<O> = [observation: O, reward: number, terminated: boolean, truncated: boolean, info: Info];

export interface ResetOptions {
  /** Reseeds the environment's generator; without it the stream continues. */
  seed?: number;
  /** Environment-specific options (e.g. CartPole's `state`). */
  options?: Record<string, unknown>;
}

export interface Env<O = unknown, A = unknown> {
  readonly observationSpace: Space;
  readonly actionSpace: Space;
  reset(opts?: ResetOptions): [O, Info];
  step(action: A): StepResult<O>;
  /** A picture of the current state: text for the grid worlds, SVG for classic control. */
  render?(): string;
}

/** Holds a seeded generator; `reset({ seed })` reseeds it, as Gymnasium's `np_random` does. */
export abstract class BaseEnv<O, A> implements Env<O, A> {
  abstract readonly observationSpace: Space;
  abstract readonly actionSpace: Space;
  protected rng = new Generator(0);
  protected seedFrom(opts: ResetOptions | undefined): void {
    if (opts?.seed !== undefined) this.rng = new Generator(opts.seed);
  }
  abstract reset(opts?: ResetOptions): [O, Info];
  abstract step(action: A): StepResult<O>;
}

/**
 * Truncates an episode after `maxEpisodeSteps` steps (Gymnasium's `TimeLimit` wrapper):
 * the step that reaches the limit comes back with `truncated = true`.
 *
 * ```ts
 * const env = new TimeLimit(new CartPole(), 500);
 * ```
 */
export class TimeLimit<O, A> implements Env<O, A> {
  private elapsed = 0;
  constructor(readonly env: Env<O, A>, readonly maxEpisodeSteps: number) {
    if (!Number.isInteger(maxEpisodeSteps) || maxEpisodeSteps < 1) {
      throw new RangeError(`TimeLimit: maxEpisodeSteps must be an integer >= 1, got ${maxEpisodeSteps}`);
    }
  }
  get observationSpace(): Space {
    return this.env.observationSpace;
  }
  get actionSpace(): Space {
    return this.env.actionSpace;
  }
  reset(opts?: ResetOptions): [O, Info] {
    this.elapsed = 0;
    return this.env.reset(opts);
  }
  step(action: A): StepResult<O> {
    const [obs, reward, terminated, truncated, info] = this.env.step(action);
    this.elapsed++;
    return [obs, reward, terminated, truncated || this.elapsed >= this.maxEpisodeSteps, info];
  }
  render(): string {
    return renderOf(this.env, 'TimeLimit');
  }
}

/** A wrapped environment's frame, or an error naming the wrapper when it has none. */
export function renderOf(env: Env<unknown, unknown>, wrapper: string): string {
  if (typeof env.render !== 'function') throw new TypeError(`${wrapper}.render: the wrapped environment has no render()`);
  return env.render();
}
