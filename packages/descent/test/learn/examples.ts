// Instances and data for the common checks: a small seeded dataset matched to each
// estimator's tags, and example instances for estimators whose params need values.
import { Generator } from '../../src/random/index.js';
import type { BaseEstimator, EstimatorClass } from '../../src/learn/index.js';

export interface Split { X: unknown; y: unknown }
export interface Data { train: Split; test: Split; other: Split }

/** Instances for estimators with required parameters, by registered name. */
const EXAMPLES: Record<string, () => BaseEstimator> = {};

export function exampleInstance(Cls: EstimatorClass): BaseEstimator {
  const make = EXAMPLES[Cls.spec.name];
  if (make) return make();
  if (Cls.spec.tags?.requiredParams?.length) {
    throw new Error(`${Cls.spec.name} has required params: add an example instance to test/learn/examples.ts`);
  }
  return new Cls();
}

export function registerExample(name: string, make: () => BaseEstimator): void {
  EXAMPLES[name] = make;
}

function matrix(g: Generator, n: number, d: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: d }, () => Math.round(g.normal() * 100) / 10));
}

/** A seeded dataset matching the estimator's kind. */
export function dataFor(est: BaseEstimator): Data {
  const g = new Generator(0);
  const kind = est.tags.estimatorType;
  const make = (n: number, d: number): Split => {
    const X = matrix(g, n, d);
    if (est.tags.input === 'labels') return { X: null, y: X.map((r) => ['cat', 'dog', 'emu'][Math.abs(Math.round(r[0])) % 3]) };
    if (kind === 'classifier') return { X, y: X.map((r) => (r[0] + 0.5 * r[1] > 0 ? 'yes' : r[2] > 1 ? 'maybe' : 'no')) };
    if (kind === 'regressor') return { X, y: X.map((r) => 2 * r[0] - r[1] + 0.5 * r[2] + 0.1 * g.normal()) };
    return { X, y: null };
  };
  if (est.tags.input === 'categorical') {
    // Small integer categories; the test rows are training rows, so none is unknown.
    const cat = (n: number, d: number) => matrix(g, n, d).map((r) => r.map((v) => Math.abs(Math.round(v / 5)) % 3));
    const train = cat(40, 3);
    return { train: { X: train, y: null }, test: { X: train.slice(0, 10), y: null }, other: { X: cat(15, 4), y: null } };
  }
  return { train: make(40, 3), test: make(10, 3), other: make(15, 4) };
}

type Any = Record<string, (...args: unknown[]) => unknown>;

/** Fits on a split the way the estimator's tags say. */
export function fitOn<E extends BaseEstimator>(est: E, s: Split): E {
  const e = est as unknown as Any;
  if (est.tags.input === 'labels') return e.fit(s.y) as E;
  return (est.tags.requiresY ? e.fit(s.X, s.y) : e.fit(s.X)) as E;
}

/** Every output the estimator can give on a split, for comparing two estimators. */
export function outputsOf(est: BaseEstimator, s: Split): Record<string, unknown> {
  const e = est as unknown as Any;
  const input = est.tags.input === 'labels' ? s.y : s.X;
  const out: Record<string, unknown> = {};
  for (const m of ['predict', 'predictProba', 'transform', 'decisionFunction']) {
    if (est.supports(m)) out[m] = e[m](input);
  }
  if (est.supports('inverseTransform')) out.inverseTransform = e.inverseTransform(out.transform);
  if (est.supports('score') && est.tags.requiresY) out.score = e.score(s.X, s.y);
  for (const k of est.fittedAttributes()) out[k] = (est as unknown as Record<string, unknown>)[k];
  return out;
}

// Estimators with required params: one example instance each, covering a nested step.
import { DummyClassifier, StandardScaler, makePipeline } from '../../src/learn/index.js';
registerExample('Pipeline', () => makePipeline(new StandardScaler(), new DummyClassifier({ strategy: 'stratified', randomState: 0 })));

// Radius neighbours: radii for the test data's scale (features ~ N(0, 10²)); outliers still get a label.
import { RadiusNeighborsClassifier, RadiusNeighborsRegressor } from '../../src/learn/index.js';
registerExample('RadiusNeighborsClassifier', () => new RadiusNeighborsClassifier({ radius: 15, outlierLabel: 'most_frequent' }));
registerExample('RadiusNeighborsRegressor', () => new RadiusNeighborsRegressor({ radius: 60 }));
