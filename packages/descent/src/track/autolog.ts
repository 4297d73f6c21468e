/**
 * `autolog`: one switch after which every `descent/learn` estimator's `fit` logs itself to a
 * tracker, as MLflow's `mlflow.sklearn.autolog()` does for scikit-learn. Facts taken from
 * MLflow's documentation of that function (mlflow.org, `mlflow.sklearn.autolog`): logging
 * happens on `fit`, `fit_predict` and `fit_transform`; parameters come from
 * `get_params(deep=True)`; a meta-estimator (a pipeline, a search) that fits inner
 * estimators makes one run, not one per inner fit; a parameter search also records the
 * best parameters (prefixed `best_`) and the best cross-validated score. MLflow adds child
 * runs per candidate; we do not.
 *
 * How: the registry lists every estimator class; `autolog` wraps the `fit`, `fitTransform`
 * and `fitPredict` each class (or a parent) defines, on its prototype, and `disable`
 * puts the originals back. A depth counter marks fits that run inside another logged fit,
 * so only the outermost one opens a run.
 */
import { listEstimators } from '../learn/registry.js';
import { hashData } from './registry.js';
import { errorMessage, type Run, type Tracker } from './tracker.js';

/** What the fit logger needs of an estimator (every `descent/learn` estimator has it). */
export interface TrackableEstimator {
  readonly estimatorName: string;
  getParams(deep?: boolean): Record<string, unknown>;
  fit(...args: never[]): unknown;
  toJSON(): unknown;
  score?(...args: never[]): number;
}

export interface AutologOptions {
  /** Where runs go. Required unless `disable` is set. */
  tracker?: Tracker;
  /** Store the fitted model as the artifact 'model' (default true). */
  logModels?: boolean;
  /** Extra tags on every autologged run. */
  tags?: Record<string, string>;
  /** Turn autologging off (and restore the original `fit` methods). */
  disable?: boolean;
  /** Do not print a warning when logging (not fitting) fails (default false). */
  silent?: boolean;
}

/** Returned by `autolog`: `disable()` turns it off again. */
export interface AutologHandle {
  disable(): void;
}

interface Config {
  tracker: Tracker;
  logModels: boolean;
  tags: Record<string, string>;
  silent: boolean;
}

const FIT_METHODS = ['fit', 'fitTransform', 'fitPredict'] as const;
type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

let config: Config | null = null;
/** How many logged (or `fitTracked`) fits are running now; > 0 means "inside one". */
let depth = 0;
/** The prototypes we patched, with their original methods. */
const patched = new Map<object, Map<string, AnyFn>>();

/** Runs `fn` marked as inside a logged fit, so nested fits do not open runs of their own. */
function nested<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    depth--;
  }
}

export interface LogFitOptions {
  /** A held-out set scored after fitting (metric `valScore`). */
  XVal?: unknown;
  yVal?: unknown;
  /** The artifact name for the fitted model (default 'model'); null logs no model. */
  modelName?: string | null;
  /** Errors while logging (not fitting) are reported here instead of thrown. */
  onLogError?: (err: unknown) => void;
}

/**
 * The shared core of `fitTracked` and `autolog`: logs the estimator's parameters and tags
 * to `run`, runs `fitNow` (the fit itself) with nested fits muted, then logs `fitSeconds`,
 * the training (and validation) score, the best parameters of a search, and the model.
 * Errors from `fitNow` propagate; the caller ends the run.
 */
export function logFit<T>(run: Run, estimator: TrackableEstimator, X: unknown, y: unknown, fitNow: () => T, options: LogFitOptions = {}): T {
  const guard = (what: () => void) => {
    if (!options.onLogError) return what();
    try {
      what();
    } catch (err) {
      options.onLogError(err);
    }
  };
  guard(() => {
    run.logParams(estimator.getParams(true));
    const tags: Record<string, string> = { estimator: estimator.estimatorName };
    try {
      tags.dataHash = hashData(X, ...(y === undefined ? [] : [y]));
    } catch {
      // X is something hashData cannot walk (a custom object); the run just has no data hash.
    }
    run.setTags(tags);
  });
  const t0 = performance.now();
  const out = nested(fitNow);
  const seconds = (performance.now() - t0) / 1000;
  nested(() => guard(() => {
    const metrics: Record<string, number> = { fitSeconds: seconds };
    const score = estimator.score as ((X: unknown, y: unknown) => number) | undefined;
    if (typeof score === 'function' && y !== undefined) {
      metrics.trainScore = score.call(estimator, X, y);
      if (options.XVal !== undefined) metrics.valScore = score.call(estimator, options.XVal, options.yVal);
    }
    // A parameter search (GridSearchCV, RandomizedSearchCV): its winner, as MLflow records it.
    const search = estimator as { bestParams_?: Record<string, unknown>; bestScore_?: number };
    if (search.bestParams_ !== undefined && typeof search.bestParams_ === 'object') {
      run.logParams(Object.fromEntries(Object.entries(search.bestParams_).map(([k, v]) => [`best_${k}`, v])));
      if (typeof search.bestScore_ === 'number') metrics.bestCvScore = search.bestScore_;
    }
    run.logMetrics(metrics, 0);
    if (options.modelName !== null) run.logModel(options.modelName ?? 'model', estimator);
  }));
  return out;
}

/** The wrapper installed in place of one `fit`-like method. */
function autologged(original: AnyFn): AnyFn {
  return function (this: unknown, ...args: unknown[]): unknown {
    const cfg = config;
    if (cfg === null || depth > 0) return original.apply(this, args);
    const estimator = this as TrackableEstimator & { tags?: { input?: string } };
    // LabelEncoder's fit takes only labels: they are its "X" and there is no y to score on.
    const [X, y] = estimator.tags?.input === 'labels' ? [args[0], undefined] : [args[0], args[1]];
    const run = cfg.tracker.startRun({ name: estimator.estimatorName, tags: cfg.tags });
    let logError: unknown = null;
    try {
      const out = logFit(run, estimator, X, y, () => original.apply(this, args), {
        modelName: cfg.logModels ? 'model' : null,
        onLogError: (err) => { logError ??= err; },
      });
      if (logError !== null) {
        const message = errorMessage(logError);
        run.setTag('autologError', message);
        if (!cfg.silent) console.warn(`autolog: ${estimator.estimatorName} fitted, but logging it failed: ${message}`);
      }
      run.end('FINISHED');
      return out;
    } catch (err) {
      run.fail(err);
      throw err;
    }
  };
}

function patchAll(): void {
  for (const cls of listEstimators()) {
    // Walk up to the prototype that defines each method (a parent class may own `fit`).
    for (let proto = cls.prototype as object | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const m of FIT_METHODS) {
        if (!Object.hasOwn(proto, m) || patched.get(proto)?.has(m)) continue;
        const original = (proto as Record<string, unknown>)[m];
        if (typeof original !== 'function') continue;
        if (!patched.has(proto)) patched.set(proto, new Map());
        patched.get(proto)!.set(m, original as AnyFn);
        (proto as Record<string, unknown>)[m] = autologged(original as AnyFn);
      }
    }
  }
}

function unpatchAll(): void {
  for (const [proto, methods] of patched) {
    for (const [m, original] of methods) (proto as Record<string, unknown>)[m] = original;
  }
  patched.clear();
}

/**
 * Turns on autologging: from now on every `fit` (and `fitTransform`, `fitPredict`) of a
 * registered `descent/learn` estimator opens a run in `tracker` named after the estimator,
 * with its parameters (`getParams(true)`), tags `estimator` and `dataHash`, metrics
 * `fitSeconds` and `trainScore` (its `score` on the training data, when it has one and y is
 * given), a search's `best_*` parameters and `bestCvScore`, and the fitted model as the
 * artifact 'model'. Only the outermost fit logs: a Pipeline, a search or an ensemble makes
 * one run. A fit that throws ends its run FAILED (with the message as tag `error`) and the
 * error goes on to the caller. Estimators registered with `registerEstimator` after this
 * call are covered by calling `autolog` again.
 *
 * ```ts
 * import { Tracker, autolog } from 'descent/track';
 * const tracker = new Tracker({ experiment: 'housing' });
 * const logging = autolog({ tracker });
 * new Ridge({ alpha: 1 }).fit(X, y);            // one run: params, trainScore, model
 * logging.disable();                            // or autolog({ disable: true })
 * ```
 */
export function autolog(options: AutologOptions = {}): AutologHandle {
  if (options.disable) {
    config = null;
    unpatchAll();
    return { disable() {} };
  }
  const { tracker } = options;
  if (tracker === undefined || typeof tracker.startRun !== 'function') {
    throw new Error('autolog: pass the tracker to log to, as autolog({ tracker: new Tracker() }); or autolog({ disable: true }) to turn it off.');
  }
  for (const [k, v] of Object.entries(options.tags ?? {})) {
    if (typeof v !== 'string') throw new Error(`autolog: tag '${k}' must be a string, got ${typeof v}; use String(value).`);
  }
  const mine: Config = { tracker, logModels: options.logModels ?? true, tags: { ...options.tags }, silent: options.silent ?? false };
  config = mine;
  patchAll();
  return {
    disable() {
      // Only if this call's settings are still the active ones: a later autolog() owns them now.
      if (config === mine) autolog({ disable: true });
    },
  };
}

/** Whether autologging is on. */
export function isAutologging(): boolean {
  return config !== null;
}
