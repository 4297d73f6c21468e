import { describe, expect, it } from 'vitest';
import { listEstimators, type EstimatorClass } from 'descent/learn';
import { discoverModels, extentOf, fitAndPredict, makeData, probeModel } from '../../src/client/playgrounds/boundaries/models.js';

/** A stand-in class with just a spec, for testing discovery without the real registry. */
const fake = (name: string, defaults: object, tags: object): EstimatorClass =>
  ({ spec: { name, defaults, constraints: {}, tags } }) as unknown as EstimatorClass;

describe('decision-boundary explorer: model discovery', () => {
  it('offers the registered classifiers, known ones first and with their controls', () => {
    const models = discoverModels();
    const names = models.map((m) => m.name);
    const registeredClassifiers = listEstimators().filter((c) => c.spec.tags?.estimatorType === 'classifier' && !(c.spec.tags?.requiredParams ?? []).length);
    expect(new Set(names)).toEqual(new Set(registeredClassifiers.map((c) => c.spec.name)));
    expect(names).toContain('LogisticRegression');
    expect(models.find((m) => m.name === 'LogisticRegression')!.controls.map((c) => c.key)).toEqual(['C']);
    // Meta-estimators that need parameters (GridSearchCV, Pipeline) and non-classifiers stay out.
    expect(names).not.toContain('GridSearchCV');
    expect(names).not.toContain('Ridge');
  });

  it('an unknown classifier joins with no controls; transformers and required-parameter classes do not', () => {
    const models = discoverModels([
      fake('FancyForest', { depth: 3 }, { estimatorType: 'classifier' }),
      fake('StandardScaler', {}, { estimatorType: 'transformer' }),
      fake('GridSearchCV', { estimator: null }, { estimatorType: 'classifier', requiredParams: ['estimator'] }),
      fake('KNeighborsClassifier', { nNeighbors: 5 }, { estimatorType: 'classifier' }),
    ]);
    expect(models.map((m) => m.name)).toEqual(['KNeighborsClassifier', 'FancyForest']);
    // KNN here declares no `weights`, so only the k control survives.
    expect(models[0].controls.map((c) => c.key)).toEqual(['nNeighbors']);
    expect(models[1].controls).toEqual([]);
  });
});

describe('decision-boundary explorer: data and fitting', () => {
  it('makeData splits 70/30 with disjoint, complete indices, and is seeded', () => {
    const d = makeData('moons', 200, 0.2, 3);
    expect(d.X).toHaveLength(200);
    expect(d.trainIdx).toHaveLength(140);
    expect(new Set([...d.trainIdx, ...d.testIdx]).size).toBe(200);
    expect(makeData('moons', 200, 0.2, 3)).toEqual(d);
    expect(new Set(makeData('blobs', 90, 0, 1).y)).toEqual(new Set([0, 1, 2]));
  });

  it('extentOf is a square containing every point', () => {
    const X = [[0, 0], [4, 1], [2, -1]];
    const [x0, x1, y0, y1] = extentOf(X);
    expect(x1 - x0).toBeCloseTo(y1 - y0, 12);
    for (const [a, b] of X) expect(a > x0 && a < x1 && b > y0 && b < y1).toBe(true);
  });

  it('1-nearest-neighbour remembers its training set, and its regions come from predictProba', () => {
    const knn = discoverModels().find((m) => m.name === 'KNeighborsClassifier')!;
    const d = makeData('moons', 120, 0.3, 0);
    const r = fitAndPredict(knn, { nNeighbors: 1 }, d, extentOf(d.X), 20);
    expect(r.trainAccuracy).toBe(1);
    expect(r.regions).toHaveLength(400);
    expect(new Set(r.regions)).toEqual(new Set([0, 1]));
    for (const c of r.confidence) expect(c).toBe(1);
  });

  it('logistic regression separates well-separated blobs, and the grid cell under a class centre is that class', () => {
    const lr = discoverModels().find((m) => m.name === 'LogisticRegression')!;
    const d = makeData('blobs', 150, 0, 0);
    const extent: [number, number, number, number] = [-4, 4, -4, 4];
    const r = fitAndPredict(lr, { C: 1 }, d, extent, 8);
    expect(r.testAccuracy).toBeGreaterThan(0.95);
    // Centre (2, 0) (class 1) lies in grid cell row 4, column 6 of the 8×8 grid over [-4, 4]².
    expect(r.classes[r.regions[4 * 8 + 6]]).toBe(1);
    expect(r.classes[r.regions[4 * 8 + 1]]).toBe(0);
  });

  it('SGDClassifier with its default hinge loss draws from decisionFunction (it has no probabilities)', () => {
    const sgd = discoverModels().find((m) => m.name === 'SGDClassifier')!;
    expect(sgd).toBeDefined();
    const moons = makeData('moons', 120, 0.1, 0);
    const r = fitAndPredict(sgd, { randomState: 0 }, moons, extentOf(moons.X), 12);
    expect(r.trainAccuracy).toBeGreaterThan(0.7); // a line through two moons: well above chance (0.5)
    expect(new Set(r.regions)).toEqual(new Set([0, 1]));
    for (const c of r.confidence) expect(c >= 0.5 && c <= 1).toBe(true);
    // Three blobs: one-vs-rest scores, the class of the largest.
    const blobs = makeData('blobs', 150, 0, 0);
    const three = fitAndPredict(sgd, { randomState: 0 }, blobs, [-4, 4, -4, 4], 8);
    expect(new Set(three.regions).size).toBe(3);
    expect(three.testAccuracy).toBeGreaterThan(0.9);
  });

  it('an invalid parameter surfaces the estimator\'s own message', () => {
    const lr = discoverModels().find((m) => m.name === 'LogisticRegression')!;
    const d = makeData('moons', 60, 0.1, 0);
    expect(() => fitAndPredict(lr, { C: -1 }, d, extentOf(d.X), 4)).toThrow(/C/);
  });
});

describe('decision-boundary explorer: probing unknown models', () => {
  it('a registered classifier that cannot take negative features fails the probe with its own message', () => {
    const models = discoverModels();
    expect(probeModel(models.find((m) => m.name === 'MultinomialNB')!)).toMatch(/negative/i);
    for (const name of ['KNeighborsClassifier', 'LogisticRegression']) expect(probeModel(models.find((m) => m.name === name)!)).toBeNull();
  });
});

describe('decision-boundary explorer: trees, ensembles, SVMs and the MLP', () => {
  const models = discoverModels();
  const moons = makeData('moons', 200, 0.2, 0);

  it.each([
    ['ExtraTreesClassifier', { nEstimators: 25 }],
    ['AdaBoostClassifier', { nEstimators: 50 }],
    ['GradientBoostingClassifier', { nEstimators: 50 }],
    ['HistGradientBoostingClassifier', { maxIter: 50 }],
    ['MLPClassifier', { hiddenLayerSizes: [16, 16], learningRateInit: 0.01 }],
    ['SVC', { kernel: 'rbf' }],
  ] as const)('%s has its controls and bends around the moons (test accuracy > 0.85)', (name, params) => {
    const entry = models.find((m) => m.name === name)!;
    expect(entry.controls.length).toBeGreaterThan(0);
    for (const c of entry.controls) expect(Object.keys(entry.cls.spec.defaults)).toContain(c.key);
    const r = fitAndPredict(entry, { ...params }, moons, extentOf(moons.X), 10);
    expect(r.testAccuracy).toBeGreaterThan(0.85);
  });

  it('an SVM reports its support vectors as rows of the training set; other models report none', () => {
    const svc = models.find((m) => m.name === 'SVC')!;
    const r = fitAndPredict(svc, { kernel: 'linear', C: 1 }, moons, extentOf(moons.X), 6);
    expect(r.supportIdx).not.toBeNull();
    const train = new Set(moons.trainIdx);
    expect(r.supportIdx!.length).toBeGreaterThan(2);
    for (const i of r.supportIdx!) expect(train.has(i)).toBe(true);
    // A harder margin (large C) needs fewer support vectors on the same data.
    const hard = fitAndPredict(svc, { kernel: 'linear', C: 1000 }, moons, extentOf(moons.X), 6);
    expect(hard.supportIdx!.length).toBeLessThan(r.supportIdx!.length);
    const tree = fitAndPredict(models.find((m) => m.name === 'DecisionTreeClassifier')!, {}, moons, extentOf(moons.X), 6);
    expect(tree.supportIdx).toBeNull();
  });
});
