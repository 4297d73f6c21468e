/**
 * Tracking for `descent/learn` estimators: `fitTracked` fits one inside a run and logs what
 * a later reader needs to reproduce or compare it.
 */
import { logFit, type TrackableEstimator } from './autolog.js';
import type { Run } from './tracker.js';

export type { TrackableEstimator };

export interface FitTrackedOptions {
  /** A held-out set scored after fitting (metric `valScore`). */
  XVal?: unknown;
  yVal?: unknown;
  /** The artifact name for the fitted model (default 'model'). */
  modelName?: string;
}

/**
 * Fits `estimator` on (X, y) and logs to `run`: its parameters, tags `estimator` and
 * `dataHash` (the fingerprint of X and y, for the registry's lineage), metrics `fitSeconds`,
 * `trainScore` and `valScore` (the estimator's own `score`: accuracy or R²), and the fitted
 * model as the artifact 'model'. Returns the estimator.
 *
 * ```ts
 * const run = tracker.startRun({ name: 'ridge' });
 * fitTracked(run, new Ridge({ alpha: 1 }), X, y, { XVal, yVal });
 * run.end();
 * ```
 */
export function fitTracked<E extends TrackableEstimator>(run: Run, estimator: E, X: unknown, y?: unknown, options: FitTrackedOptions = {}): E {
  if (typeof estimator?.fit !== 'function' || typeof estimator.getParams !== 'function') {
    throw new Error('fitTracked: the second argument must be an estimator (with fit and getParams), such as new Ridge().');
  }
  if ((options.XVal === undefined) !== (options.yVal === undefined)) throw new Error('fitTracked: pass both XVal and yVal, or neither.');
  // The same logging as `autolog` (which stays quiet inside this fit: it is the outermost).
  logFit(run, estimator, X, y, () => (estimator.fit as (X: unknown, y?: unknown) => unknown)(X, y), {
    XVal: options.XVal, yVal: options.yVal, modelName: options.modelName ?? 'model',
  });
  return estimator;
}
