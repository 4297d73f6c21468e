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
    // Regressors, and transformers that learn from a target (TargetEncoder), get a numeric y.
    if (kind === 'regressor' || est.tags.requiresY) return { X, y: X.map((r) => 2 * r[0] - r[1] + 0.5 * r[2] + 0.1 * g.normal()) };
    return { X, y: null };
  };
  if (est.tags.input === 'categorical') {
    // Small integer categories; the test rows are training rows, so none is unknown.
    const cat = (n: number, d: number) => matrix(g, n, d).map((r) => r.map((v) => Math.abs(Math.round(v / 5)) % 3));
    const train = cat(40, 3);
    return { train: { X: train, y: null }, test: { X: train.slice(0, 10), y: null }, other: { X: cat(15, 4), y: null } };
  }
  const data = { train: make(40, 3), test: make(10, 3), other: make(15, 4) };
  return ADAPT_DATA[est.estimatorName]?.(data) ?? data;
}

// Shifted by 30 (3σ) and folded at 0: counts-like features that still carry the labels' signal.
const shift = (s: Split): Split => ({ X: (s.X as number[][]).map((r) => r.map((v) => Math.abs(v + 30))), y: s.y });
const nonNegative = (d: Data): Data => ({ train: shift(d.train), test: shift(d.test), other: shift(d.other) });

/** Data reshaped for estimators that need a particular form of it. */
const ADAPT_DATA: Record<string, (d: Data) => Data> = {
  // Models of counts refuse negative X (scikit-learn's `requires_positive_X` tag).
  MultinomialNB: nonNegative,
  ComplementNB: nonNegative,
  // One covariance per class needs two samples per class; `other` has a class of one.
  QuadraticDiscriminantAnalysis: (d) => ({ ...d, other: { X: d.other.X, y: (d.other.X as number[][]).map((r) => (r[0] > 0 ? 'yes' : 'no')) } }),
};

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
  if (est.supports('kneighbors')) {
    const { distances, indices } = e.kneighbors(input) as { distances: number[][]; indices: number[][] };
    out.kneighborsDistances = distances;
    out.kneighborsIndices = indices;   // positions in the training data: not invariant to its order
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

// Searches: a Pipeline grid (regressor) and a randomized GaussianNB search (classifier).
// Their folds come from each row's values, not its position, so reordering the rows leaves
// every fold's samples unchanged (the sample-order check); timings are off because they
// differ between two otherwise identical fits.
import { GaussianNB, GridSearchCV, RandomizedSearchCV, Ridge, loguniform, type Splitter, type TrainTest } from '../../src/learn/index.js';
import { Tensor } from '../../src/tensor/index.js';
function firstTwo(X: unknown): [number, number][] {
  if (X instanceof Tensor) X = X.toArray();
  else if (X !== null && typeof X === 'object' && 'shape' in X && 'data' in X) {
    const { data, shape } = X as { data: ArrayLike<number>; shape: number[] };
    return Array.from({ length: shape[0] }, (_, i) => [data[i * shape[1]], data[i * shape[1] + 1]]);
  }
  return (X as unknown[]).map((r) => (Array.isArray(r) ? [r[0], r[1]] : [Number(r), 0]));
}
class FoldByValue implements Splitter {
  constructor(readonly nSplits = 3) {}
  // Search estimators hand X to the splitter as given (rows, a Tensor or { data, shape }),
  // unvalidated, so bad values must reach the estimator's own checks: a NaN row lands in no test fold.
  *split(X: unknown): IterableIterator<TrainTest> {
    const fold = firstTwo(X).map(([a, b]) => Math.abs(Math.round(10 * a + 7 * b)) % this.nSplits);
    for (let f = 0; f < this.nSplits; f++) {
      yield [fold.flatMap((g, i) => (g === f ? [] : [i])), fold.flatMap((g, i) => (g === f ? [i] : []))];
    }
  }
  getNSplits(): number {
    return this.nSplits;
  }
}
registerExample('GridSearchCV', () => new GridSearchCV({
  estimator: makePipeline(new StandardScaler(), new Ridge()), paramGrid: { ridge__alpha: [0.1, 10] }, cv: new FoldByValue(), recordTimes: false,
}));
registerExample('RandomizedSearchCV', () => new RandomizedSearchCV({
  estimator: new GaussianNB(), paramDistributions: { varSmoothing: loguniform(1e-9, 1e-1) }, nIter: 3, randomState: 0, cv: new FoldByValue(), recordTimes: false,
}));

// SGD models shuffle with a seed: fix it so that two fits agree.
import { SGDClassifier, SGDRegressor } from '../../src/learn/index.js';
registerExample('SGDClassifier', () => new SGDClassifier({ randomState: 0 }));
registerExample('SGDRegressor', () => new SGDRegressor({ randomState: 0 }));

// Composition: scale two columns, pass the rest through; a union of two scalings.
import { ColumnTransformer, FeatureUnion, MinMaxScaler } from '../../src/learn/index.js';
registerExample('ColumnTransformer', () => new ColumnTransformer({ transformers: [['scale', new StandardScaler(), [0, 1]]], remainder: 'passthrough' }));
registerExample('FeatureUnion', () => new FeatureUnion({ transformerList: [['std', new StandardScaler()], ['minmax', new MinMaxScaler()]], transformerWeights: { minmax: 2 } }));

// Trees and ensembles: the feature order of the split search is random, and ties between
// features are common on this small rounded data, so fix the seed for two fits to agree.
import { DecisionTreeClassifier, DecisionTreeRegressor, ExtraTreeClassifier, ExtraTreeRegressor } from '../../src/learn/index.js';
registerExample('DecisionTreeClassifier', () => new DecisionTreeClassifier({ randomState: 0 }));
registerExample('DecisionTreeRegressor', () => new DecisionTreeRegressor({ randomState: 0 }));
registerExample('ExtraTreeClassifier', () => new ExtraTreeClassifier({ randomState: 0 }));
registerExample('ExtraTreeRegressor', () => new ExtraTreeRegressor({ randomState: 0 }));
// Forests and bagging draw bootstrap samples by position, so reordering the rows changes
// them: the common checks use no bootstrap (the feature draws do not depend on row order)
// and a few trees to stay quick.
import { BaggingClassifier, BaggingRegressor, ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor } from '../../src/learn/index.js';
registerExample('RandomForestClassifier', () => new RandomForestClassifier({ nEstimators: 5, bootstrap: false, randomState: 0 }));
registerExample('RandomForestRegressor', () => new RandomForestRegressor({ nEstimators: 5, bootstrap: false, maxFeatures: 2, randomState: 0 }));
registerExample('ExtraTreesClassifier', () => new ExtraTreesClassifier({ nEstimators: 5, randomState: 0 }));
registerExample('ExtraTreesRegressor', () => new ExtraTreesRegressor({ nEstimators: 5, randomState: 0 }));
registerExample('BaggingClassifier', () => new BaggingClassifier({ estimator: new DecisionTreeClassifier({ randomState: 0 }), nEstimators: 3, bootstrap: false, maxFeatures: 2, randomState: 0 }));
registerExample('BaggingRegressor', () => new BaggingRegressor({ estimator: new DecisionTreeRegressor({ randomState: 0 }), nEstimators: 3, bootstrap: false, maxFeatures: 2, randomState: 0 }));
import { GradientBoostingClassifier, GradientBoostingRegressor } from '../../src/learn/index.js';
registerExample('GradientBoostingClassifier', () => new GradientBoostingClassifier({ nEstimators: 10, randomState: 0 }));
registerExample('GradientBoostingRegressor', () => new GradientBoostingRegressor({ nEstimators: 10, randomState: 0 }));
// Decomposition, clustering and SVMs (issue 11): seeded where the fit draws random numbers.
import { GaussianMixture, KMeans, LinearSVC, LinearSVR, MiniBatchKMeans, NuSVC, SpectralClustering, TSNE, TruncatedSVD } from '../../src/learn/index.js';
registerExample('SpectralClustering', () => new SpectralClustering({ nClusters: 3, gamma: 0.01, randomState: 0 }));
// `other` has a class of one sample in 15: ν must stay below 2·1/8 for its pairs to be feasible.
registerExample('NuSVC', () => new NuSVC({ nu: 0.2 }));
registerExample('TSNE', () => new TSNE({ perplexity: 5, nIter: 250, randomState: 0 }));
// NMF factorizes non-negative matrices, like the models of counts above.
ADAPT_DATA.NMF = nonNegative;
registerExample('GaussianMixture', () => new GaussianMixture({ nComponents: 2, randomState: 0 }));
registerExample('LinearSVC', () => new LinearSVC({ randomState: 0 }));
registerExample('LinearSVR', () => new LinearSVR({ randomState: 0 }));
registerExample('TruncatedSVD', () => new TruncatedSVD({ randomState: 0 }));
registerExample('KMeans', () => new KMeans({ nClusters: 3, randomState: 0 }));
registerExample('MiniBatchKMeans', () => new MiniBatchKMeans({ nClusters: 3, randomState: 0 }));

/**
 * Estimators whose fit depends on the order of the training samples beyond rounding, with
 * the reason; the sample-order check skips them. SMO stops within tol of the optimum, and
 * where it stops depends on the order it visits variables; support vectors are listed in
 * training order.
 */
export const SAMPLE_ORDER_EXEMPT: Record<string, string> = {
  SVC: 'SMO stops within tol (1e-3) of the optimum at an order-dependent point; support_ lists training indices',
  SVR: 'SMO stops within tol (1e-3) of the optimum at an order-dependent point; support_ lists training indices',
  LinearSVC: 'coordinate descent visits samples in a seeded random order and stops within tol (1e-4) of the optimum',
  LinearSVR: 'coordinate descent visits samples in a seeded random order and stops within tol (1e-4) of the optimum',
  TSNE: 'embedding_ rows follow the sample order, and KL(P‖Q) has many local minima the descent can end in',
  KernelPCA: 'eigenvectors_ and XFit_ hold one row per training sample, in sample order',
  NuSVC: 'SMO stops within tol (1e-3) of the optimum at an order-dependent point; support_ lists training indices',
  OneClassSVM: 'SMO stops within tol (1e-3) of the optimum at an order-dependent point, from a start that depends on the order',
  EllipticEnvelope: 'FAST-MCD draws its starting subsets by position, and support_, dist_ and rawSupport_ hold one value per training sample, in training order',
  LocalOutlierFactor: 'negativeOutlierFactor_, lrd_ and kDistance_ hold one value per training sample, in training order (anomaly.test.ts checks its scores of new rows do not depend on it)',
};
// Leaves of 8+ samples: on this rounded data smaller leaves tie between features, and which
// tied split wins then depends on summation order, so on the order of the rows.
import { HistGradientBoostingClassifier, HistGradientBoostingRegressor } from '../../src/learn/index.js';
registerExample('HistGradientBoostingClassifier', () => new HistGradientBoostingClassifier({ maxIter: 10, minSamplesLeaf: 8, randomState: 0 }));
registerExample('HistGradientBoostingRegressor', () => new HistGradientBoostingRegressor({ maxIter: 10, minSamplesLeaf: 5, randomState: 0 }));
// AdaBoost.R2 draws weighted bootstrap samples by position, so any learner that depends on
// its sample gives different fits for reordered rows: the common checks use a constant
// learner, which keeps the contract checks meaningful; ensemble-behaviour.test.ts tests
// the real thing.
import { DummyRegressor } from '../../src/learn/index.js';
import { AdaBoostClassifier, AdaBoostRegressor, GaussianNB as GaussianNB2, LinearRegression, LogisticRegression, StackingClassifier, StackingRegressor, VotingClassifier, VotingRegressor } from '../../src/learn/index.js';
registerExample('AdaBoostClassifier', () => new AdaBoostClassifier({ nEstimators: 5, randomState: 0 }));
registerExample('AdaBoostRegressor', () => new AdaBoostRegressor({ estimator: new DummyRegressor({ strategy: 'constant', constant: 1 }), nEstimators: 5, randomState: 0 }));
registerExample('VotingClassifier', () => new VotingClassifier({ estimators: [['lr', new LogisticRegression()], ['tree', new DecisionTreeClassifier({ maxDepth: 3, randomState: 0 })]], voting: 'soft', weights: [2, 1] }));
registerExample('VotingRegressor', () => new VotingRegressor({ estimators: [['lin', new LinearRegression()], ['tree', new DecisionTreeRegressor({ maxDepth: 3, randomState: 0 })]] }));
// Stacking's folds come from each row's values (FoldByValue), so reordering rows keeps them.
registerExample('StackingClassifier', () => new StackingClassifier({ estimators: [['nb', new GaussianNB2()], ['tree', new DecisionTreeClassifier({ maxDepth: 3, randomState: 0 })]], cv: new FoldByValue() }));
registerExample('StackingRegressor', () => new StackingRegressor({ estimators: [['lin', new LinearRegression()], ['tree', new DecisionTreeRegressor({ maxDepth: 3, randomState: 0 })]], cv: new FoldByValue() }));
// Feature selection (issue 11): the common data has three features and a numeric y, so k
// and the score functions suit a regression target; the wrapped models are deterministic.
import { RFE, RFECV, SelectFromModel, SelectKBest, SelectPercentile, SequentialFeatureSelector } from '../../src/learn/index.js';
registerExample('SelectKBest', () => new SelectKBest({ scoreFunc: 'fRegression', k: 2 }));
registerExample('SelectPercentile', () => new SelectPercentile({ scoreFunc: 'fRegression', percentile: 50 }));
registerExample('RFE', () => new RFE({ estimator: new Ridge(), nFeaturesToSelect: 2 }));
registerExample('RFECV', () => new RFECV({ estimator: new LinearRegression(), cv: new FoldByValue() }));
registerExample('SelectFromModel', () => new SelectFromModel({ estimator: new Ridge() }));
// Its candidate subsets have one or two columns, so its folds come from the row's sum (order-free).
class FoldBySum extends FoldByValue {
  override *split(X: unknown): IterableIterator<TrainTest> {
    const rows = X as number[][];
    const fold = rows.map((r) => Math.abs(Math.round(r.reduce((a, b) => a + b, 0) * 10)) % this.nSplits);
    for (let f = 0; f < this.nSplits; f++) yield [fold.flatMap((g, i) => (g === f ? [] : [i])), fold.flatMap((g, i) => (g === f ? [i] : []))];
  }
}
registerExample('SequentialFeatureSelector', () => new SequentialFeatureSelector({ estimator: new LinearRegression(), nFeaturesToSelect: 2, cv: new FoldBySum() }));
// Outlier detection (issue 11): LOF scores new rows only in novelty mode; the forest is seeded.
import { EllipticEnvelope, IsolationForest, LocalOutlierFactor } from '../../src/learn/index.js';
registerExample('LocalOutlierFactor', () => new LocalOutlierFactor({ nNeighbors: 5, novelty: true }));
registerExample('IsolationForest', () => new IsolationForest({ nEstimators: 10, randomState: 0 }));
registerExample('EllipticEnvelope', () => new EllipticEnvelope({ randomState: 0 }));
// MLPs (issue 11): small and seeded so two fits agree and the checks stay quick; minibatches
// are drawn by position, so the sample order changes the fit.
import { MLPClassifier, MLPRegressor } from '../../src/learn/index.js';
registerExample('MLPClassifier', () => new MLPClassifier({ hiddenLayerSizes: [5], maxIter: 20, randomState: 0 }));
registerExample('MLPRegressor', () => new MLPRegressor({ hiddenLayerSizes: [5], maxIter: 20, randomState: 0 }));
SAMPLE_ORDER_EXEMPT.MLPClassifier = 'minibatches and their shuffles are drawn by sample position';
SAMPLE_ORDER_EXEMPT.MLPRegressor = 'minibatches and their shuffles are drawn by sample position';
// Manifold learners (issue 11): UMAP draws negative samples edge by edge, in the rows' order.
import { Isomap, UMAP } from '../../src/learn/index.js';
registerExample('Isomap', () => new Isomap({ nNeighbors: 5 }));
registerExample('UMAP', () => new UMAP({ nNeighbors: 5, nEpochs: 50, randomState: 0 }));
SAMPLE_ORDER_EXEMPT.Isomap = 'embedding_, eigenvectors_, distMatrix_ and XFit_ hold one row per training sample, in sample order';
SAMPLE_ORDER_EXEMPT.UMAP = 'embedding_ rows follow the sample order, and negative samples are drawn edge by edge in that order';
// More clustering and decomposition (issue 11, part 3): FastICA draws wInit from its seed.
import { FastICA } from '../../src/learn/index.js';
registerExample('FastICA', () => new FastICA({ randomState: 0 }));
SAMPLE_ORDER_EXEMPT.FastICA = 'the common data is Gaussian, where independent components are not identifiable: the fixed-point iteration wanders (200 iterations without converging) and rounding changes its path';
