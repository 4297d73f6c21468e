// autolog: one switch, and every descent/learn estimator's fit logs one run — only the
// outermost fit of a Pipeline, a search or an ensemble, FAILED runs for fits that throw, and
// nothing at all once disabled.
import { afterEach, describe, expect, it } from 'vitest';
import {
  GridSearchCV, LabelEncoder, LogisticRegression, Pipeline, RandomForestClassifier, Ridge, StandardScaler, VotingClassifier,
} from '../../src/learn/index.js';
import { loadEstimator } from '../../src/learn/registry.js';
import { Tracker, autolog, fitTracked, hashData, isAutologging } from '../../src/track/index.js';

// Two noisy clusters: enough for a classifier to score well above chance, small enough to be quick.
const X: number[][] = [];
const yc: number[] = [];
for (let i = 0; i < 40; i++) {
  const c = i % 2;
  X.push([c * 2 + Math.sin(i * 1.7), c * 2 + Math.cos(i * 2.3), (i % 5) / 5]);
  yc.push(c);
}
const yr = X.map((r) => 3 * r[0]! - r[1]! + 0.5);

const ridgeFit = Ridge.prototype.fit;
afterEach(() => {
  autolog({ disable: true });
});

function loadModel(tracker: Tracker, runId: string) {
  const art = tracker.store.getArtifact(runId, 'model');
  expect(art?.info.kind).toBe('model');
  return loadEstimator<LogisticRegression>(new TextDecoder().decode(art!.bytes));
}

describe('autolog', () => {
  it('logs a real estimator: params, tags, fitSeconds, trainScore and the model', () => {
    const tracker = new Tracker({ experiment: 'auto' });
    autolog({ tracker, tags: { team: 'risk' } });
    expect(isAutologging()).toBe(true);
    const model = new LogisticRegression({ C: 0.5, maxIter: 200 });
    expect(model.fit(X, yc)).toBe(model); // fit still returns the estimator
    const runs = tracker.searchRuns();
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.name).toBe('LogisticRegression');
    expect(run.status).toBe('FINISHED');
    expect(run.params.C).toBe(0.5);
    expect(Object.keys(run.params).sort()).toEqual(Object.keys(model.getParams(true)).sort());
    expect(run.tags).toEqual({ team: 'risk', estimator: 'LogisticRegression', dataHash: hashData(X, yc) });
    expect(run.metrics.trainScore).toBe(model.score(X, yc));
    expect(run.metrics.trainScore).toBeGreaterThan(0.8);
    expect(run.metrics.fitSeconds).toBeGreaterThanOrEqual(0);
    expect(loadModel(tracker, run.runId).predict(X)).toEqual(model.predict(X));
  });

  it('makes one run for a Pipeline, and covers fitTransform and estimators without a score', () => {
    const tracker = new Tracker();
    autolog({ tracker, logModels: false });
    const pipe = new Pipeline({ steps: [['scale', new StandardScaler()], ['ridge', new Ridge({ alpha: 2 })]] });
    pipe.fit(X, yr);
    new StandardScaler().fitTransform(X);
    new LabelEncoder().fit(['b', 'a', 'b']);
    const runs = tracker.searchRuns();
    expect(runs.map((r) => r.name).sort()).toEqual(['LabelEncoder', 'Pipeline', 'StandardScaler']);
    const p = runs.find((r) => r.name === 'Pipeline')!;
    expect(p.params).toMatchObject({ ridge__alpha: 2, scale__withMean: true, steps: '[["scale","StandardScaler"],["ridge","Ridge"]]' });
    expect(p.metrics.trainScore).toBeCloseTo(pipe.score(X, yr), 12);
    expect(tracker.store.listArtifacts(p.runId)).toEqual([]); // logModels: false
    const scaler = runs.find((r) => r.name === 'StandardScaler')!;
    expect(scaler.metrics.trainScore).toBeUndefined();
    expect(scaler.tags.dataHash).toBe(hashData(X));
    expect(runs.find((r) => r.name === 'LabelEncoder')!.tags.dataHash).toBe(hashData(['b', 'a', 'b']));
  });

  it('makes one run for a search over a Pipeline, with its best parameters and CV score', () => {
    const tracker = new Tracker();
    autolog({ tracker });
    const search = new GridSearchCV({
      estimator: new Pipeline({ steps: [['scale', new StandardScaler()], ['clf', new LogisticRegression({ maxIter: 200 })]] }),
      paramGrid: { clf__C: [0.01, 1] },
      cv: 3,
    });
    search.fit(X, yc);
    const runs = tracker.searchRuns();
    expect(runs).toHaveLength(1); // 2 candidates × 3 folds + the refit ran inside it
    const run = runs[0]!;
    expect(run.name).toBe('GridSearchCV');
    expect(run.params.best_clf__C).toBe(search.bestParams_.clf__C);
    expect(run.metrics.bestCvScore).toBe(search.bestScore_);
    expect(run.metrics.trainScore).toBe(search.score(X, yc));
    expect(loadModel(tracker, run.runId).predict(X)).toEqual(search.predict(X));
  });

  it('makes one run for an ensemble fitting its members', () => {
    const tracker = new Tracker();
    autolog({ tracker, logModels: false });
    const vote = new VotingClassifier({ estimators: [['lr', new LogisticRegression()], ['forest', new RandomForestClassifier({ nEstimators: 5, randomState: 0 })]] });
    vote.fit(X, yc);
    const runs = tracker.searchRuns();
    expect(runs.map((r) => r.name)).toEqual(['VotingClassifier']);
    expect(runs[0]!.params).toMatchObject({ estimators: '[["lr","LogisticRegression"],["forest","RandomForestClassifier"]]', forest__nEstimators: 5 });
  });

  it('ends a failed fit FAILED with the error, and rethrows it', () => {
    const tracker = new Tracker();
    autolog({ tracker });
    expect(() => new Ridge({ alpha: -1 }).fit(X, yr)).toThrow(/The `alpha` parameter of Ridge must be/);
    const bad = X.map((r) => [...r]);
    bad[3]![1] = Number.NaN;
    expect(() => new Pipeline({ steps: [['ridge', new Ridge()]] }).fit(bad, yr)).toThrow(/NaN/);
    const runs = tracker.searchRuns();
    expect(runs.map((r) => [r.name, r.status])).toEqual([['Ridge', 'FAILED'], ['Pipeline', 'FAILED']]);
    expect(runs[0]!.tags.error).toMatch(/alpha/);
    expect(tracker.store.listArtifacts(runs[0]!.runId)).toEqual([]);
    // After a failure the next fit is outermost again (the nesting count was restored).
    new Ridge().fit(X, yr);
    expect(tracker.searchRuns()).toHaveLength(3);
  });

  it('stops when disabled (by handle or by option) and restores the original methods', () => {
    const tracker = new Tracker();
    const handle = autolog({ tracker });
    expect(Ridge.prototype.fit).not.toBe(ridgeFit);
    new Ridge().fit(X, yr);
    handle.disable();
    expect(isAutologging()).toBe(false);
    expect(Ridge.prototype.fit).toBe(ridgeFit);
    new Ridge().fit(X, yr);
    autolog({ tracker });
    autolog({ disable: true });
    new Ridge().fit(X, yr);
    expect(tracker.searchRuns()).toHaveLength(1);
    expect(() => autolog({})).toThrow(/autolog: pass the tracker to log to/);
    expect(() => autolog({ tracker, tags: { n: 1 as never } })).toThrow(/autolog: tag 'n' must be a string/);
  });

  it('lets a newer autolog call keep its settings when an older handle is disabled', () => {
    const a = new Tracker({ experiment: 'a' });
    const b = new Tracker({ experiment: 'b' });
    const first = autolog({ tracker: a });
    autolog({ tracker: b });
    first.disable(); // stale: b's settings stay active
    new Ridge().fit(X, yr);
    expect([a.searchRuns().length, b.searchRuns().length]).toEqual([0, 1]);
  });

  it('leaves fitTracked with one run, the one it was given', () => {
    const tracker = new Tracker();
    autolog({ tracker });
    const run = tracker.startRun({ name: 'mine' });
    fitTracked(run, new Ridge({ alpha: 3 }), X, yr, { XVal: X, yVal: yr });
    run.end();
    const runs = tracker.searchRuns();
    expect(runs.map((r) => r.name)).toEqual(['mine']);
    expect(runs[0]!.params.alpha).toBe(3);
    expect(runs[0]!.metrics.valScore).toBe(runs[0]!.metrics.trainScore);
  });
});
