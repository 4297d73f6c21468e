/**
 * Which classical models the decision-boundary explorer offers, found at run time in
 * `descent/learn`'s registry: a known model gets its key hyperparameters as controls when
 * its class is registered (and a control only if the class declares that parameter); any
 * other registered classifier that can be built with its defaults joins with no controls.
 * So a classifier added to the library appears here without a change to this file.
 */
import { listEstimators, type BaseEstimator, type EstimatorClass, type Label, type MatrixLike } from 'descent/learn';
import { makeBlobs, makeCircles, makeMoons } from 'descent/datasets';
import { Generator } from 'descent/random';

/** A value a choice control can take; arrays for list parameters such as `hiddenLayerSizes`. */
export type ChoiceValue = string | number | boolean | null | readonly number[];

/** A control for one hyperparameter: a list of values (shown in a select) or a range. */
export type ParamControl =
  | { key: string; label: string; kind: 'choice'; values: readonly ChoiceValue[] }
  | { key: string; label: string; kind: 'int'; min: number; max: number; step?: number };

export interface ModelEntry {
  /** The registry name ("LogisticRegression"). */
  name: string;
  label: string;
  cls: EstimatorClass;
  controls: ParamControl[];
  /** Parameters always set (e.g. what a grid point with no neighbour gets). */
  fixed: Record<string, unknown>;
}

interface Known { name: string; label: string; controls: ParamControl[]; fixed?: Record<string, unknown> }

const LOG_C = [0.001, 0.01, 0.1, 1, 10, 100, 1000];

/** The models we know how to present well, in the order shown. */
export const KNOWN_MODELS: readonly Known[] = [
  { name: 'LogisticRegression', label: 'Logistic regression', controls: [{ key: 'C', label: 'C (inverse regularization)', kind: 'choice', values: LOG_C }] },
  { name: 'KNeighborsClassifier', label: 'k nearest neighbours', controls: [
    { key: 'nNeighbors', label: 'Neighbours k', kind: 'int', min: 1, max: 50 },
    { key: 'weights', label: 'Weights', kind: 'choice', values: ['uniform', 'distance'] },
  ] },
  { name: 'RadiusNeighborsClassifier', label: 'Radius neighbours', controls: [
    { key: 'radius', label: 'Radius', kind: 'choice', values: [0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3] },
    { key: 'weights', label: 'Weights', kind: 'choice', values: ['uniform', 'distance'] },
  ], fixed: { outlierLabel: 'most_frequent' } },
  { name: 'GaussianNB', label: 'Gaussian naive Bayes', controls: [{ key: 'varSmoothing', label: 'Variance smoothing', kind: 'choice', values: [1e-9, 1e-6, 1e-3, 0.01, 0.1, 1] }] },
  { name: 'LinearDiscriminantAnalysis', label: 'Linear discriminant analysis', controls: [] },
  { name: 'QuadraticDiscriminantAnalysis', label: 'Quadratic discriminant analysis', controls: [{ key: 'regParam', label: 'Covariance regularization', kind: 'choice', values: [0, 0.01, 0.1, 0.5, 0.9] }] },
  { name: 'DecisionTreeClassifier', label: 'Decision tree', controls: [
    { key: 'maxDepth', label: 'Maximum depth', kind: 'choice', values: [1, 2, 3, 4, 6, 8, 12, null] },
    { key: 'criterion', label: 'Split criterion', kind: 'choice', values: ['gini', 'entropy'] },
  ] },
  { name: 'RandomForestClassifier', label: 'Random forest', controls: [
    { key: 'nEstimators', label: 'Trees', kind: 'choice', values: [1, 5, 10, 25, 50, 100] },
    { key: 'maxDepth', label: 'Maximum depth', kind: 'choice', values: [2, 4, 6, 8, null] },
  ], fixed: { randomState: 0 } },
  { name: 'ExtraTreesClassifier', label: 'Extra trees', controls: [
    { key: 'nEstimators', label: 'Trees', kind: 'choice', values: [1, 5, 10, 25, 50, 100] },
    { key: 'maxDepth', label: 'Maximum depth', kind: 'choice', values: [2, 4, 6, 8, null] },
  ], fixed: { randomState: 0 } },
  { name: 'AdaBoostClassifier', label: 'AdaBoost (stumps)', controls: [
    { key: 'nEstimators', label: 'Rounds', kind: 'choice', values: [1, 5, 10, 25, 50, 100, 200] },
    { key: 'learningRate', label: 'Learning rate', kind: 'choice', values: [0.1, 0.5, 1] },
  ], fixed: { randomState: 0 } },
  { name: 'GradientBoostingClassifier', label: 'Gradient boosting', controls: [
    { key: 'nEstimators', label: 'Rounds', kind: 'choice', values: [1, 5, 10, 25, 50, 100, 200] },
    { key: 'learningRate', label: 'Learning rate', kind: 'choice', values: [0.01, 0.1, 0.3, 1] },
    { key: 'maxDepth', label: 'Tree depth', kind: 'choice', values: [1, 2, 3, 5] },
  ], fixed: { randomState: 0 } },
  { name: 'HistGradientBoostingClassifier', label: 'Histogram gradient boosting', controls: [
    { key: 'maxIter', label: 'Rounds', kind: 'choice', values: [5, 10, 25, 50, 100, 200] },
    { key: 'learningRate', label: 'Learning rate', kind: 'choice', values: [0.01, 0.1, 0.3, 1] },
    { key: 'maxLeafNodes', label: 'Leaves per tree', kind: 'choice', values: [2, 4, 8, 16, 31] },
  ], fixed: { randomState: 0, earlyStopping: false } },
  { name: 'SVC', label: 'Support vector machine', controls: [
    { key: 'kernel', label: 'Kernel', kind: 'choice', values: ['rbf', 'linear', 'poly'] },
    { key: 'C', label: 'C', kind: 'choice', values: LOG_C },
    { key: 'gamma', label: 'Kernel width gamma', kind: 'choice', values: ['scale', 0.1, 0.5, 1, 5, 20] },
  ] },
  { name: 'NuSVC', label: 'ν-SVM', controls: [
    { key: 'nu', label: 'ν (share of support vectors, at least)', kind: 'choice', values: [0.1, 0.3, 0.5, 0.7] },
  ] },
  // Few epochs of full-batch Adam at scikit-learn's learning rate 0.001 leave the boundary unfinished; start faster.
  { name: 'MLPClassifier', label: 'Neural network (MLP)', controls: [
    { key: 'hiddenLayerSizes', label: 'Hidden layers', kind: 'choice', values: [[16, 16], [4], [16], [64], [8, 8], [32, 32, 32]] },
    { key: 'activation', label: 'Activation', kind: 'choice', values: ['relu', 'tanh', 'logistic'] },
    { key: 'learningRateInit', label: 'Learning rate', kind: 'choice', values: [0.01, 0.03, 0.1] },
    { key: 'alpha', label: 'L2 penalty alpha', kind: 'choice', values: [0.0001, 0.01, 0.1, 1] },
  ], fixed: { randomState: 0, maxIter: 400 } },
  { name: 'DummyClassifier', label: 'Dummy (baseline)', controls: [{ key: 'strategy', label: 'Strategy', kind: 'choice', values: ['prior', 'most_frequent', 'stratified', 'uniform'] }], fixed: { randomState: 0 } },
];

function isBuildableClassifier(cls: EstimatorClass): boolean {
  const tags = cls.spec.tags ?? {};
  return tags.estimatorType === 'classifier' && (tags.requiredParams ?? []).length === 0 && (tags.input ?? 'matrix') === 'matrix';
}

/**
 * The classifiers to offer, from the given registry listing (by default the live one).
 *
 * ```ts
 * discoverModels().map((m) => m.name); // ['LogisticRegression', 'KNeighborsClassifier', ...]
 * ```
 */
export function discoverModels(classes: readonly EstimatorClass[] = listEstimators()): ModelEntry[] {
  const byName = new Map(classes.filter(isBuildableClassifier).map((c) => [c.spec.name, c]));
  const out: ModelEntry[] = [];
  for (const k of KNOWN_MODELS) {
    const cls = byName.get(k.name);
    if (!cls) continue;
    byName.delete(k.name);
    const defaults = cls.spec.defaults as Record<string, unknown>;
    const fixed = Object.fromEntries(Object.entries(k.fixed ?? {}).filter(([key]) => key in defaults));
    out.push({ name: k.name, label: k.label, cls, controls: k.controls.filter((c) => c.key in defaults), fixed });
  }
  for (const [name, cls] of byName) out.push({ name, label: name, cls, controls: [], fixed: {} });
  return out;
}

/** A tiny 2-D problem with negative coordinates, like every dataset the explorer draws. */
const PROBE_X = [[-1, -0.5], [-0.8, -1], [-1.2, -0.9], [-0.4, -1.3], [1, 0.6], [0.8, 1.1], [1.3, 0.7], [0.5, 1.4]];
const PROBE_Y = [0, 0, 0, 0, 1, 1, 1, 1];

/**
 * Feature detection for a model we know nothing about: can it fit and predict 2-D points
 * with negative coordinates? Returns null if so, otherwise the reason (the estimator's own
 * message, e.g. MultinomialNB's "needs non-negative X").
 */
export function probeModel(entry: ModelEntry): string | null {
  try {
    const m = new entry.cls({ ...entry.fixed }) as unknown as { fit(X: number[][], y: number[]): unknown; predict(X: number[][]): unknown[] };
    m.fit(PROBE_X, PROBE_Y);
    return m.predict(PROBE_X).length === PROBE_X.length ? null : 'predict returned the wrong number of labels';
  } catch (e) {
    return (e as Error).message;
  }
}

/** The starting value of a control: the class's default when it is one of the choices. */
export function defaultValue(entry: ModelEntry, c: ParamControl): ChoiceValue {
  const d = (entry.cls.spec.defaults as Record<string, unknown>)[c.key] as ChoiceValue;
  if (c.kind === 'int') return typeof d === 'number' ? d : c.min;
  return c.values.includes(d) ? d : c.values[0];
}

export const DATASET_NAMES = ['moons', 'circles', 'blobs'] as const;
export type BoundaryDataset = (typeof DATASET_NAMES)[number];

export interface Data2D { X: number[][]; y: number[]; trainIdx: number[]; testIdx: number[] }

/**
 * A seeded 2-D dataset split 70/30 into training and test rows.
 *
 * ```ts
 * const d = makeData('moons', 200, 0.2, 0); // d.X (200, 2), d.trainIdx.length === 140
 * ```
 */
export function makeData(name: BoundaryDataset, n: number, noise: number, seed: number): Data2D {
  const { X, y } = name === 'moons' ? makeMoons({ nSamples: n, noise, randomState: seed })
    : name === 'circles' ? makeCircles({ nSamples: n, noise, factor: 0.5, randomState: seed })
    : makeBlobs({ nSamples: n, centers: [[-2, 0], [2, 0], [0, 3]], clusterStd: 0.6 + 4 * noise, randomState: seed });
  const perm = new Generator(seed + 1).permutation(n);
  const nTrain = Math.round(0.7 * n);
  return { X, y, trainIdx: perm.slice(0, nTrain), testIdx: perm.slice(nTrain) };
}

/**
 * The picture's extent, [xmin, xmax, ymin, ymax]: the data's bounding box plus a margin,
 * widened to a square so the square canvas shows both axes at the same scale.
 *
 * ```ts
 * extentOf([[0, 0], [4, 1]]); // [-0.4, 4.4, -1.9, 2.9]
 * ```
 */
export function extentOf(X: readonly number[][], margin = 0.1): [number, number, number, number] {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [a, b] of X) {
    x0 = Math.min(x0, a); x1 = Math.max(x1, a);
    y0 = Math.min(y0, b); y1 = Math.max(y1, b);
  }
  const half = (Math.max(x1 - x0, y1 - y0) * (1 + 2 * margin)) / 2 || 1;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return [cx - half, cx + half, cy - half, cy + half];
}

export interface FitResult {
  model: BaseEstimator;
  classes: Label[];
  /** res² class indices (into `classes`), row 0 at the top. */
  regions: Int32Array;
  /**
   * res² confidence of the predicted class: its probability; without probabilities (SGD's
   * hinge loss, a linear SVM) a logistic squashing of the decision margin, for shading only;
   * 1 when the model has neither.
   */
  confidence: Float32Array;
  /** Rows of `data.X` that are support vectors (SVMs), else null. */
  supportIdx: number[] | null;
  trainAccuracy: number;
  testAccuracy: number;
  fitMs: number;
  predictMs: number;
}

type Predicting = BaseEstimator & {
  fit(X: MatrixLike, y: Label[]): unknown; predict(X: MatrixLike): Label[]; classes_: Label[];
  predictProba?: (X: MatrixLike) => number[][]; decisionFunction?: (X: MatrixLike) => number[] | number[][];
  support_?: number[];
};

const squash = (margin: number) => 1 / (1 + Math.exp(-margin));

/**
 * Fits the model on the training rows and predicts every cell of a res × res grid over
 * `extent`. Throws the estimator's own error if the parameters are invalid.
 *
 * ```ts
 * const knn = discoverModels().find((m) => m.name === 'KNeighborsClassifier')!;
 * fitAndPredict(knn, { nNeighbors: 5 }, data, extentOf(data.X), 100).testAccuracy;
 * ```
 */
export function fitAndPredict(entry: ModelEntry, params: Record<string, unknown>, data: Data2D, extent: [number, number, number, number], res: number): FitResult {
  const model = new entry.cls({ ...params, ...entry.fixed }) as Predicting;
  const Xtr = data.trainIdx.map((i) => data.X[i]);
  const ytr = data.trainIdx.map((i) => data.y[i]);
  const t0 = performance.now();
  model.fit(Xtr, ytr);
  const t1 = performance.now();
  const [x0, x1, y0, y1] = extent;
  const grid: number[][] = [];
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) grid.push([x0 + ((c + 0.5) / res) * (x1 - x0), y1 - ((r + 0.5) / res) * (y1 - y0)]);
  }
  const classes = model.classes_;
  const regions = new Int32Array(res * res);
  const confidence = new Float32Array(res * res).fill(1);
  // `supports`, not the method's presence: SGDClassifier has predictProba but only for the
  // log_loss and modified_huber losses; with its default hinge loss it throws.
  if (model.supports('predictProba') && typeof model.predictProba === 'function') {
    const P = model.predictProba(grid);
    P.forEach((p, i) => {
      let k = 0;
      for (let j = 1; j < p.length; j++) if (p[j] > p[k]) k = j;
      regions[i] = k;
      confidence[i] = p[k];
    });
  } else if (model.supports('decisionFunction') && typeof model.decisionFunction === 'function') {
    // Binary: one margin per point, positive for classes[1]. Several classes: one score each (one-vs-rest).
    model.decisionFunction(grid).forEach((d, i) => {
      if (typeof d === 'number') {
        regions[i] = d > 0 ? 1 : 0;
        confidence[i] = squash(Math.abs(d));
      } else {
        let k = 0;
        for (let j = 1; j < d.length; j++) if (d[j] > d[k]) k = j;
        regions[i] = k;
        confidence[i] = squash(d[k]);
      }
    });
  } else {
    model.predict(grid).forEach((label, i) => { regions[i] = classes.indexOf(label); });
  }
  const t2 = performance.now();
  const acc = (idx: number[]) => {
    if (idx.length === 0) return NaN;
    const pred = model.predict(idx.map((i) => data.X[i]));
    return pred.filter((p, k) => p === data.y[idx[k]]).length / idx.length;
  };
  // An SVM's support_ indexes its training rows; map them back to rows of the whole dataset.
  const supportIdx = Array.isArray(model.support_) ? model.support_.map((k) => data.trainIdx[k]) : null;
  return { model, classes, regions, confidence, supportIdx, trainAccuracy: acc(data.trainIdx), testAccuracy: acc(data.testIdx), fitMs: t1 - t0, predictMs: t2 - t1 };
}
