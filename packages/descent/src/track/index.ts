/**
 * `descent/track`: experiment tracking, a model registry and monitoring (lesson 44).
 *
 * - `Tracker` / `Run`: parameters, metrics over steps, tags and artifacts per run; `fit`
 *   (`track: run`), `Study.optimize` (`track: tracker`) and the estimators (`autolog({ tracker })`,
 *   or `fitTracked` for one fit) log to it.
 * - `ModelRegistry` (`tracker.registry`): versions, stages and lineage (run, data hash).
 * - Drift and monitoring: `ksDrift`, `chiSquareDrift`, `driftReport` (with PSI from
 *   `descent/stats`'s `populationStabilityIndex`),
 *   `predictionDrift`, `performanceDecay`, and `modelGate`, the CI gate for a new model.
 *
 * The store here is in memory (browser-safe); `SQLiteTrackStore` from `descent/node` keeps
 * runs in an SQLite file — pass the app's database to see them on its Runs page.
 * `setDefaultTrackStore` changes what `new Tracker()` uses: the app's lesson cells get a store
 * whose runs go to the learner's Runs page when each cell finishes.
 *
 * ```ts
 * import { Tracker } from 'descent/track';
 * const tracker = new Tracker({ experiment: 'demo' });
 * const run = tracker.startRun({ params: { lr: 0.1 } });
 * run.logMetric('loss', 0.5, 0).logMetric('loss', 0.2, 1);
 * run.end();
 * tracker.searchRuns()[0].metrics.loss;   // 0.2
 * ```
 */
export {
  InMemoryTrackStore, MODEL_STAGES, type TrackStore, type RunInfo, type RunStatus, type MetricPoint, type ArtifactInfo, type ArtifactKind,
  type ModelStage, type ModelVersion, type ParamValue,
} from './store.js';
export { Tracker, Run, summarize, setDefaultTrackStore, type RunSummary, type StartRunOptions } from './tracker.js';
export { ModelRegistry, hashData, type RegisterOptions } from './registry.js';
export { fitTracked, type FitTrackedOptions, type TrackableEstimator } from './estimator.js';
export { autolog, isAutologging, logFit, type AutologOptions, type AutologHandle, type LogFitOptions } from './autolog.js';
export { ksDrift, chiSquareDrift, driftReport, type DriftTest, type FeatureDrift } from './drift.js';
export { predictionDrift, performanceDecay, modelGate, logDriftReport, type DecayWindow, type GateResult } from './monitor.js';
