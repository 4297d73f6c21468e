/**
 * Watching a model after deployment: prediction drift (labels arrive late, predictions at
 * once), performance decay over a stream once labels arrive, and the CI gate a new model
 * must pass before it replaces the current one.
 */
import { populationStabilityIndex, type PsiResult } from '../stats/drift/psi.js';
import { chiSquareDrift, ksDrift, type DriftTest, type FeatureDrift } from './drift.js';
import type { Run } from './tracker.js';

/**
 * Drift of a model's outputs: KS and PSI for scores (probabilities, regression outputs),
 * chi-square for predicted labels. It needs no labels, so it is the first alarm.
 *
 * ```ts
 * predictionDrift(validationScores, todayScores).psiLevel;
 * ```
 */
export function predictionDrift(
  reference: ArrayLike<number | string>,
  current: ArrayLike<number | string>,
  options: { kind?: 'score' | 'label'; alpha?: number } = {},
): { test: DriftTest; psi: number | null; psiLevel: PsiResult['level'] | null } {
  const kind = options.kind ?? (typeof reference[0] === 'string' ? 'label' : 'score');
  const alpha = options.alpha === undefined ? {} : { alpha: options.alpha };
  if (kind === 'label') {
    const t = chiSquareDrift(reference, current, alpha);
    return { test: { test: t.test, statistic: t.statistic, pvalue: t.pvalue, drift: t.drift }, psi: null, psiLevel: null };
  }
  const p = populationStabilityIndex(reference as ArrayLike<number>, current as ArrayLike<number>);
  return { test: ksDrift(reference as ArrayLike<number>, current as ArrayLike<number>, alpha), psi: p.psi, psiLevel: p.level };
}

export interface DecayWindow {
  /** Index of the window's first sample in the stream. */
  start: number;
  value: number;
  /** True when the value is worse than the baseline by more than the tolerance. */
  degraded: boolean;
}

/**
 * A metric over consecutive windows of a labelled production stream, each compared with the
 * baseline (the metric on the held-out set at deployment). Returns every window and the
 * first degraded one (null if none): the point to retrain.
 *
 * ```ts
 * const { firstDegraded } = performanceDecay(yTrue, yPred, { window: 500, metric: accuracyOf, baseline: 0.91, tolerance: 0.03 });
 * ```
 */
export function performanceDecay<T>(
  yTrue: ArrayLike<T>,
  yPred: ArrayLike<T>,
  options: { window: number; metric: (yTrue: T[], yPred: T[]) => number; baseline: number; tolerance?: number; higherIsBetter?: boolean },
): { windows: DecayWindow[]; firstDegraded: DecayWindow | null } {
  const { window: w, metric, baseline } = options;
  const tolerance = options.tolerance ?? 0;
  const higher = options.higherIsBetter ?? true;
  if (yTrue?.length !== yPred?.length) throw new RangeError(`performanceDecay: yTrue has ${yTrue?.length} values but yPred has ${yPred?.length}; pass one prediction per label.`);
  if (!Number.isInteger(w) || w < 1) throw new RangeError(`performanceDecay: window must be an integer >= 1, got ${w}.`);
  if (typeof metric !== 'function') throw new TypeError('performanceDecay: metric must be a function (yTrue, yPred) => number.');
  if (!Number.isFinite(baseline)) throw new RangeError(`performanceDecay: baseline must be a finite number, got ${baseline}.`);
  if (!(tolerance >= 0)) throw new RangeError(`performanceDecay: tolerance must be >= 0, got ${tolerance}.`);
  const t = Array.from(yTrue);
  const p = Array.from(yPred);
  const windows: DecayWindow[] = [];
  for (let start = 0; start + w <= t.length; start += w) {
    const value = metric(t.slice(start, start + w), p.slice(start, start + w));
    const degraded = higher ? value < baseline - tolerance : value > baseline + tolerance;
    windows.push({ start, value, degraded });
  }
  return { windows, firstDegraded: windows.find((x) => x.degraded) ?? null };
}

export interface GateResult {
  pass: boolean;
  candidateScore: number;
  currentScore: number;
  /** candidate − current, signed so that positive is better. */
  improvement: number;
  margin: number;
  message: string;
}

/**
 * The CI gate for models: the candidate replaces the current model only if it beats it on
 * the same held-out set by at least `margin` (in the metric's units, positive = better).
 * A gate like this runs in CI next to the unit tests, so a regression never ships
 * silently; the margin keeps noise from churning the production model.
 *
 * ```ts
 * const gate = modelGate({ candidate, current, X: XHeld, y: yHeld, metric: accuracyScore, margin: 0.01 });
 * if (!gate.pass) throw new Error(gate.message);
 * ```
 */
export function modelGate<Y>(options: {
  candidate: { predict(X: never): ArrayLike<Y> };
  current: { predict(X: never): ArrayLike<Y> };
  X: unknown;
  y: ArrayLike<Y>;
  metric: (yTrue: ArrayLike<Y>, yPred: ArrayLike<Y>) => number;
  margin?: number;
  higherIsBetter?: boolean;
}): GateResult {
  const { candidate, current, X, y, metric } = options;
  const margin = options.margin ?? 0;
  const higher = options.higherIsBetter ?? true;
  if (typeof candidate?.predict !== 'function' || typeof current?.predict !== 'function') throw new TypeError('modelGate: candidate and current must be fitted models with predict.');
  if (typeof metric !== 'function') throw new TypeError('modelGate: metric must be a function (yTrue, yPred) => number, such as accuracyScore.');
  if (!(margin >= 0)) throw new RangeError(`modelGate: margin must be a number >= 0, got ${margin}.`);
  const candidateScore = metric(y, (candidate.predict as (X: unknown) => ArrayLike<Y>)(X));
  const currentScore = metric(y, (current.predict as (X: unknown) => ArrayLike<Y>)(X));
  if (!Number.isFinite(candidateScore) || !Number.isFinite(currentScore)) {
    throw new RangeError(`modelGate: the metric gave ${candidateScore} (candidate) and ${currentScore} (current); it must be finite.`);
  }
  const improvement = higher ? candidateScore - currentScore : currentScore - candidateScore;
  const pass = improvement >= margin;
  const fmt = (v: number) => v.toFixed(4);
  const message = pass
    ? `modelGate: pass — candidate ${fmt(candidateScore)} vs current ${fmt(currentScore)}, better by ${fmt(improvement)} >= margin ${fmt(margin)}.`
    : `modelGate: fail — candidate ${fmt(candidateScore)} vs current ${fmt(currentScore)}, better by ${fmt(improvement)} < margin ${fmt(margin)}; keep the current model.`;
  return { pass, candidateScore, currentScore, improvement, margin, message };
}

/**
 * Logs a drift report into a monitoring run at `step` (a batch or a day): `psi/<feature>`
 * for numeric features, `pvalue/<feature>` for every feature and `drifted` (how many
 * features drifted). The app's Runs page then draws each as a curve over the steps: a
 * drift dashboard from the tracker alone.
 *
 * ```ts
 * const monitor = tracker.startRun({ name: 'monitoring' });
 * logDriftReport(monitor, driftReport(XTrain, XToday), day);
 * ```
 */
export function logDriftReport(run: Run, report: readonly FeatureDrift[], step: number): void {
  if (typeof run?.logMetrics !== 'function') throw new TypeError('logDriftReport: the first argument must be a Run from tracker.startRun().');
  const values: Record<string, number> = { drifted: report.filter((f) => f.drift).length };
  for (const f of report) {
    values[`pvalue/${f.feature}`] = f.test.pvalue;
    if (f.psi !== null) values[`psi/${f.feature}`] = f.psi;
  }
  run.logMetrics(values, step);
}
