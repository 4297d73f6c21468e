// Drift checks against SciPy (ks_2samp, chi2_contingency) and PSI written out in NumPy
// (tools/fixtures/drift.py; PSI is descent/stats' populationStabilityIndex), then the
// reports, prediction drift, decay and the model gate.
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../helpers/fixtures.js';
import { populationStabilityIndex as psi } from '../../src/stats/index.js';
import { Tracker, chiSquareDrift, driftReport, ksDrift, logDriftReport, modelGate, performanceDecay, predictionDrift } from '../../src/track/index.js';

interface Fixture {
  source: string;
  references: Record<string, number[]>;
  ks: { name: string; reference: string; current: number[]; statistic: number; pvalue: number }[];
  chi2: { name: string; reference: string[]; current: string[]; categories: string[]; table: number[][]; statistic: number; pvalue: number }[];
  psi: { name: string; reference: string; current: number[]; psi: number }[];
}
const fx = loadFixture<Fixture>('drift.json');

describe('drift goldens (SciPy / NumPy)', () => {
  it.each(fx.ks)('ksDrift $name equals scipy.stats.ks_2samp', (c) => {
    const r = ksDrift(fx.references[c.reference]!, c.current);
    expect(r.statistic).toBeCloseTo(c.statistic, 12);
    expect(r.pvalue).toBeCloseTo(c.pvalue, 10);
    expect(Math.abs(r.pvalue - c.pvalue) / c.pvalue).toBeLessThan(1e-6);
    expect(r.drift).toBe(c.pvalue < 0.05);
  });

  it.each(fx.chi2)('chiSquareDrift $name equals scipy.stats.chi2_contingency', (c) => {
    const r = chiSquareDrift(c.reference, c.current);
    expect(r.categories).toEqual(c.categories);
    expect(r.table).toEqual(c.table);
    expect(r.statistic).toBeCloseTo(c.statistic, 9);
    expect(Math.abs(r.pvalue - c.pvalue) / c.pvalue).toBeLessThan(1e-8);
  });

  it('the shifted samples have the PSI NumPy gives, at the levels they were made for', () => {
    for (const c of fx.psi) expect(psi(fx.references[c.reference]!, c.current).psi).toBeCloseTo(c.psi, 10);
    expect(fx.psi.map((c) => psi(fx.references.large!, c.current).level)).toEqual(['stable', 'moderate', 'major', 'major']);
  });
});

describe('drift properties and errors', () => {
  it('names the function and the fix on bad input', () => {
    expect(() => ksDrift([1, Number.POSITIVE_INFINITY], [1])).toThrow(/ksDrift: reference\[1\] is Infinity; remove or impute/);
    expect(() => ksDrift([], [1])).toThrow(/ksDrift: reference is empty/);
    expect(() => ksDrift([1, 2], [1, 2], { alpha: 2 })).toThrow(/ksDrift: alpha must be in \(0, 1\)/);
    expect(() => chiSquareDrift(['a'], ['a'])).toThrow(/nothing to test/);
    expect(() => driftReport([[1, 2]], [[1]])).toThrow(/same number of features/);
  });

  it('driftReport flags the shifted numeric column and the shifted categorical one only', () => {
    const ref = fx.references.large!;
    const same = fx.psi[0]!.current;
    const major = fx.psi[2]!.current;
    const catRef = fx.chi2[1]!.reference;
    const catCur = fx.chi2[1]!.current;
    const rows = (a: number[], b: number[], c: string[]) => a.slice(0, 400).map((v, i) => [v, b[i]!, c[i]!]);
    const report = driftReport(rows(ref, ref.slice(400), catRef), rows(same, major, catCur), { featureNames: ['a', 'b', 'c'], categorical: [2] });
    expect(report.map((f) => [f.feature, f.drift])).toEqual([['a', false], ['b', true], ['c', true]]);
    expect(report[2]!.psi).toBeNull();
    expect(report[1]!.psiLevel).toBe('major');
    const tracker = new Tracker();
    const monitor = tracker.startRun({ name: 'monitoring' });
    logDriftReport(monitor, report, 3);
    expect(tracker.searchRuns()[0]!.metrics).toEqual({
      drifted: 2, 'pvalue/a': report[0]!.test.pvalue, 'psi/a': report[0]!.psi, 'pvalue/b': report[1]!.test.pvalue, 'psi/b': report[1]!.psi, 'pvalue/c': report[2]!.test.pvalue,
    });
    expect(tracker.store.getMetricHistory(monitor.runId, 'drifted')[0]!.step).toBe(3);
  });

  it('predictionDrift tests scores with KS + PSI and labels with chi-square', () => {
    const ref = fx.references.large!;
    expect(predictionDrift(ref, fx.psi[2]!.current).psiLevel).toBe('major');
    const labels = predictionDrift(fx.chi2[0]!.reference, fx.chi2[0]!.current);
    expect(labels.test.test).toBe('chi2');
    expect(labels.test.drift).toBe(false);
  });
});

describe('performanceDecay and modelGate', () => {
  const acc = (t: ArrayLike<number>, p: ArrayLike<number>) => Array.from(t).filter((v, i) => v === p[i]).length / t.length;

  it('finds the first window that falls below the baseline minus the tolerance', () => {
    // Correct for the first 300 samples, then every third prediction is wrong.
    const yTrue = Array.from({ length: 600 }, (_, i) => i % 2);
    const yPred = yTrue.map((v, i) => (i >= 300 && i % 3 === 0 ? 1 - v : v));
    const { windows, firstDegraded } = performanceDecay(yTrue, yPred, { window: 100, metric: acc, baseline: 0.98, tolerance: 0.05 });
    expect(windows).toHaveLength(6);
    expect(windows[0]!.value).toBe(1);
    expect(firstDegraded?.start).toBe(300);
    expect(() => performanceDecay([1], [1, 2], { window: 1, metric: acc, baseline: 1 })).toThrow(/one prediction per label/);
  });

  it('passes a candidate that beats the current model by the margin, and fails one that does not', () => {
    const X = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const y = X.map((v) => (v >= 5 ? 1 : 0));
    const good = { predict: (x: number[]) => x.map((v) => (v >= 5 ? 1 : 0)) };
    const okay = { predict: (x: number[]) => x.map((v) => (v >= 4 ? 1 : 0)) };
    const pass = modelGate({ candidate: good, current: okay, X, y, metric: acc, margin: 0.05 });
    expect(pass).toMatchObject({ pass: true, candidateScore: 1, currentScore: 0.9 });
    expect(pass.improvement).toBeCloseTo(0.1, 12);
    const fail = modelGate({ candidate: good, current: okay, X, y, metric: acc, margin: 0.2 });
    expect(fail.pass).toBe(false);
    expect(fail.message).toMatch(/fail .* keep the current model/);
    // Lower is better (an error): the candidate with the smaller error wins.
    const mae = (t: ArrayLike<number>, p: ArrayLike<number>) => Array.from(t).reduce((s, v, i) => s + Math.abs(v - p[i]!), 0) / t.length;
    expect(modelGate({ candidate: good, current: okay, X, y, metric: mae, higherIsBetter: false, margin: 0.05 }).pass).toBe(true);
    expect(() => modelGate({ candidate: good, current: okay, X, y, metric: acc, margin: -1 })).toThrow(/margin must be a number >= 0/);
  });
});
