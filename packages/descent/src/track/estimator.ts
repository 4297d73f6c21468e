/**
 * Tracking for `descent/learn` estimators: `fitTracked` fits one inside a run and logs what
 * a later reader needs to reproduce or compare it.
 */
import { hashData } from './registry.js';
import type { Run } from './tracker.js';

/** What `fitTracked` needs of an estimator (every `descent/learn` estimator has it). */
export interface TrackableEstimator {
  readonly estimatorName: string;
  getParams(deep?: boolean): Record<string, unknown>;
  fit(...args: never[]): unknown;
  toJSON(): unknown;
  score?(...args: never[]): number;
}

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
  run.logParams(estimator.getParams(true));
  run.setTags({ estimator: estimator.estimatorName, dataHash: hashData(X as never, ...(y === undefined ? [] : [y])) });
  const t0 = performance.now();
  (estimator.fit as (X: unknown, y?: unknown) => unknown)(X, y);
  const metrics: Record<string, number> = { fitSeconds: (performance.now() - t0) / 1000 };
  const score = estimator.score as ((X: unknown, y: unknown) => number) | undefined;
  if (typeof score === 'function' && y !== undefined) {
    metrics.trainScore = score.call(estimator, X, y);
    if (options.XVal !== undefined) metrics.valScore = score.call(estimator, options.XVal, options.yVal);
  }
  run.logMetrics(metrics, 0);
  run.logModel(options.modelName ?? 'model', estimator);
  return estimator;
}
