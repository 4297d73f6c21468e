/**
 * What each registered estimator costs: training and prediction time as formulas in the
 * data's sizes, kept beside the registry so a new estimator without an entry fails
 * test/learn/complexity.test.ts. The formulas describe the algorithms as implemented here
 * (the file each one is in says which algorithm); where the literature's bound differs they
 * follow the code. Sources: scikit-learn's user guide (trees: "Complexity", 1.10.4; SVMs:
 * 1.4.5; neighbors: 1.6.4), Bottou & Lin (2007) for SMO, van der Maaten (2014) for
 * Barnes–Hut t-SNE, Müllner (2011) for hierarchical clustering.
 *
 * `fitExponent` is the power of n in the training cost with everything else fixed (n log n
 * counts as 1; a bound that depends on the data, such as SMO's, gives its typical value),
 * which lesson 46 compares with the exponent measured by doubling n.
 */

/** The symbols the formulas use. */
export const COST_SYMBOLS: Record<string, string> = {
  n: 'training samples',
  m: 'samples to predict',
  d: 'features',
  k: 'classes, clusters, components or neighbours (as the entry says)',
  t: 'iterations or epochs',
  T: 'trees or boosting rounds (nEstimators)',
  h: 'tree depth (≈ log n for a balanced tree grown to pure leaves)',
  b: 'histogram bins (maxBins)',
  s: 'support vectors',
  p: 'the output dimension (polynomial terms, embedding size)',
  c: 'the cost of one fit of the wrapped estimator',
  q: 'the number of fits a search or cross-validation runs',
};

export interface EstimatorCost {
  /** Time to fit on n samples. */
  fit: string;
  /** Time to predict or transform m samples (`—` when the estimator cannot). */
  predict: string;
  /** The power of n in `fit` with the other sizes fixed; null for wrappers (it is the inner estimator's). */
  fitExponent: number | null;
  /** What the symbols mean here, or what drives the cost. */
  note?: string;
}

const scaler: EstimatorCost = { fit: 'O(n·d)', predict: 'O(m·d)', fitExponent: 1 };
const sortScaler: EstimatorCost = { fit: 'O(d·n log n)', predict: 'O(m·d)', fitExponent: 1, note: 'medians and quantiles by sorting each column' };
const naiveBayes: EstimatorCost = { fit: 'O(n·d)', predict: 'O(m·d·k)', fitExponent: 1, note: 'k classes; one pass of counts or means' };
const knn: EstimatorCost = { fit: 'O(d·n log n)', predict: 'O(m·d·n) brute, ≈ O(m·d·log n) k-d tree (low d)', fitExponent: 1, note: 'fit builds the k-d tree (or only stores X for brute force)' };
const tree: EstimatorCost = { fit: 'O(d·n log n · h)', predict: 'O(m·h)', fitExponent: 1, note: 'presorted features: each level scans n samples per feature' };
const extraTree: EstimatorCost = { fit: 'O(d·n·h)', predict: 'O(m·h)', fitExponent: 1, note: 'one random threshold per feature: no sort' };
const forest: EstimatorCost = { fit: 'O(T·d′·n log n · h)', predict: 'O(T·m·h)', fitExponent: 1, note: "d′ features tried per split (maxFeatures), T trees on bootstrap samples" };
const boosting: EstimatorCost = { fit: 'O(T·d·n log n · h)', predict: 'O(T·m·h)', fitExponent: 1, note: 'T rounds, one regression tree (per class) each' };
const histBoosting: EstimatorCost = { fit: 'O(n·d) binning + O(T·(n·d + 2^h·d·b))', predict: 'O(T·m·h)', fitExponent: 1, note: 'histograms of b bins replace sorting; the smaller child by subtraction' };
const adaboost: EstimatorCost = { fit: 'O(T·c(n))', predict: 'O(T·m·h)', fitExponent: null, note: 'T reweighted fits of the base tree (a stump by default)' };
const wrapper: EstimatorCost = { fit: 'O(Σ c_i(n))', predict: 'O(Σ predict_i(m))', fitExponent: null, note: 'the sum of its steps or members' };
const search: EstimatorCost = { fit: 'O(q·folds·c(n·(folds−1)/folds) + c(n))', predict: 'the best estimator’s', fitExponent: null, note: 'q candidates × folds fits, then a refit' };
const svmKernel: EstimatorCost = { fit: 'O(n²·d) to O(n³·d) (SMO; ≈ n^2.1 typical)', predict: 'O(m·s·d)', fitExponent: 2, note: 'kernel rows computed on demand and cached; s support vectors' };
const linearSvm: EstimatorCost = { fit: 'O(t·n·d)', predict: 'O(m·d)', fitExponent: 1, note: 'dual coordinate descent, t passes' };
const selector: EstimatorCost = { fit: 'O(n·d) + scoring', predict: 'O(m·d)', fitExponent: 1 };

/** The cost of every built-in estimator, by registry name. */
export const ESTIMATOR_COSTS: Record<string, EstimatorCost> = {
  DummyClassifier: { fit: 'O(n)', predict: 'O(m)', fitExponent: 1, note: 'class counts' },
  DummyRegressor: { fit: 'O(n)', predict: 'O(m)', fitExponent: 1, note: 'mean, median by selection, or quantile' },
  StandardScaler: scaler,
  MinMaxScaler: scaler,
  MaxAbsScaler: scaler,
  RobustScaler: sortScaler,
  Normalizer: { fit: 'O(1)', predict: 'O(m·d)', fitExponent: 0, note: 'stateless: each row scaled alone' },
  OneHotEncoder: { fit: 'O(d·n log n)', predict: 'O(m·d)', fitExponent: 1, note: 'sorted categories per column' },
  OrdinalEncoder: { fit: 'O(d·n log n)', predict: 'O(m·d)', fitExponent: 1, note: 'sorted categories per column' },
  LabelEncoder: { fit: 'O(n log n)', predict: 'O(m)', fitExponent: 1 },
  PolynomialFeatures: { fit: 'O(p)', predict: 'O(m·p)', fitExponent: 0, note: 'p = C(d + degree, degree) output terms' },
  SimpleImputer: { fit: 'O(d·n log n) median, O(n·d) mean', predict: 'O(m·d)', fitExponent: 1 },
  LinearRegression: { fit: 'O(n·d² + d³)', predict: 'O(m·d)', fitExponent: 1, note: 'least squares by QR/SVD of the n×d design' },
  Ridge: { fit: 'O(n·d² + d³)', predict: 'O(m·d)', fitExponent: 1, note: 'normal equations solved by Cholesky (or SVD)' },
  Lasso: { fit: 'O(t·n·d)', predict: 'O(m·d)', fitExponent: 1, note: 'coordinate descent, t sweeps' },
  ElasticNet: { fit: 'O(t·n·d)', predict: 'O(m·d)', fitExponent: 1, note: 'coordinate descent, t sweeps' },
  LogisticRegression: { fit: 'O(t·n·d·k)', predict: 'O(m·d·k)', fitExponent: 1, note: 'L-BFGS: t iterations of a gradient over n samples, k classes' },
  SGDClassifier: { fit: 'O(t·n·d·k)', predict: 'O(m·d·k)', fitExponent: 1, note: 't epochs; one-vs-rest over k classes' },
  SGDRegressor: { fit: 'O(t·n·d)', predict: 'O(m·d)', fitExponent: 1, note: 't epochs' },
  Perceptron: { fit: 'O(t·n·d·k)', predict: 'O(m·d·k)', fitExponent: 1, note: 't epochs' },
  BayesianRidge: { fit: 'O(n·d² + d³ + t·d)', predict: 'O(m·d) (O(m·d²) with std)', fitExponent: 1, note: 'one SVD, then t evidence updates' },
  HuberRegressor: { fit: 'O(t·n·d)', predict: 'O(m·d)', fitExponent: 1, note: 'L-BFGS-B iterations' },
  QuantileRegressor: { fit: 'O(t·n·d) (interior point: O((n + d)³) worst case)', predict: 'O(m·d)', fitExponent: 1, note: 'a linear program in n + d variables' },
  Pipeline: wrapper,
  GridSearchCV: search,
  RandomizedSearchCV: search,
  GaussianNB: naiveBayes,
  MultinomialNB: naiveBayes,
  BernoulliNB: naiveBayes,
  ComplementNB: naiveBayes,
  LinearDiscriminantAnalysis: { fit: 'O(n·d² + d³)', predict: 'O(m·d·k)', fitExponent: 1, note: 'pooled covariance and its decomposition' },
  QuadraticDiscriminantAnalysis: { fit: 'O(n·d² + k·d³)', predict: 'O(m·d²·k)', fitExponent: 1, note: 'one covariance per class' },
  KNeighborsClassifier: knn,
  KNeighborsRegressor: knn,
  NearestNeighbors: knn,
  RadiusNeighborsClassifier: knn,
  RadiusNeighborsRegressor: knn,
  KBinsDiscretizer: { fit: 'O(d·n log n) quantile, O(t·n·d·k) k-means', predict: 'O(m·d·log k)', fitExponent: 1, note: 'k bins' },
  FunctionTransformer: { fit: 'O(1)', predict: 'the function’s', fitExponent: 0 },
  TargetEncoder: { fit: 'O(folds·n·d)', predict: 'O(m·d)', fitExponent: 1, note: 'cross-fitted category means' },
  KNNImputer: { fit: 'O(n·d)', predict: 'O(m·n·d)', fitExponent: 1, note: 'brute-force nan-aware distances to every training row' },
  IterativeImputer: { fit: 'O(t·d·c(n))', predict: 'O(t·d·m·d)', fitExponent: null, note: 't rounds of one regression per feature (BayesianRidge: c = n·d²)' },
  ColumnTransformer: wrapper,
  FeatureUnion: wrapper,
  DecisionTreeClassifier: tree,
  DecisionTreeRegressor: tree,
  ExtraTreeClassifier: extraTree,
  ExtraTreeRegressor: extraTree,
  RandomForestClassifier: forest,
  RandomForestRegressor: forest,
  ExtraTreesClassifier: { ...forest, fit: 'O(T·d′·n·h)', note: 'random thresholds: no sort' },
  ExtraTreesRegressor: { ...forest, fit: 'O(T·d′·n·h)', note: 'random thresholds: no sort' },
  BaggingClassifier: { fit: 'O(T·c(n))', predict: 'O(T·predict(m))', fitExponent: null, note: 'T fits of the base estimator on bootstrap samples' },
  BaggingRegressor: { fit: 'O(T·c(n))', predict: 'O(T·predict(m))', fitExponent: null, note: 'T fits of the base estimator on bootstrap samples' },
  GradientBoostingClassifier: boosting,
  GradientBoostingRegressor: boosting,
  PCA: { fit: 'O(n·d·min(n, d))', predict: 'O(m·d·k)', fitExponent: 1, note: 'full SVD of the centred data; k components kept' },
  TruncatedSVD: { fit: 'O(t·n·d·k)', predict: 'O(m·d·k)', fitExponent: 1, note: 'randomized SVD, t power iterations' },
  IncrementalPCA: { fit: 'O(n·d·k + (n/batch)·(k + batch)²·d)', predict: 'O(m·d·k)', fitExponent: 1, note: 'an SVD per batch' },
  KernelPCA: { fit: 'O(n²·d + n³)', predict: 'O(m·n·d + m·n·k)', fitExponent: 3, note: 'the n×n kernel matrix and its eigendecomposition' },
  NMF: { fit: 'O(t·n·d·k)', predict: 'O(t·m·d·k)', fitExponent: 1, note: 'multiplicative or coordinate-descent updates' },
  KMeans: { fit: 'O(t·n·k·d)', predict: 'O(m·k·d)', fitExponent: 1, note: "Lloyd's iterations after k-means++ (O(n·k·d))" },
  MiniBatchKMeans: { fit: 'O(t·batch·k·d)', predict: 'O(m·k·d)', fitExponent: 1, note: 'cost per step independent of n (one pass over n to init and label)' },
  DBSCAN: { fit: 'O(n·d·log n) to O(n²·d)', predict: '—', fitExponent: 2, note: 'one radius query per sample; dense data approaches n²' },
  AgglomerativeClustering: { fit: 'O(n²·d + n²)', predict: '—', fitExponent: 2, note: 'nearest-neighbour chain, O(n²) memory' },
  GaussianMixture: { fit: 'O(t·n·k·d²) + O(t·k·d³)', predict: 'O(m·k·d²)', fitExponent: 1, note: 'EM with full covariances' },
  MeanShift: { fit: 'O(t·n²·d)', predict: 'O(m·k·d)', fitExponent: 2, note: 'each seed moves by a radius query over n samples' },
  SpectralClustering: { fit: 'O(n²·d + n³)', predict: '—', fitExponent: 3, note: 'affinity matrix and its eigenvectors' },
  SVC: svmKernel,
  NuSVC: svmKernel,
  SVR: svmKernel,
  OneClassSVM: svmKernel,
  LinearSVC: linearSvm,
  LinearSVR: linearSvm,
  HistGradientBoostingClassifier: histBoosting,
  HistGradientBoostingRegressor: histBoosting,
  AdaBoostClassifier: adaboost,
  AdaBoostRegressor: adaboost,
  VotingClassifier: wrapper,
  VotingRegressor: wrapper,
  StackingClassifier: { fit: 'O((folds + 1)·Σ c_i(n) + c_final(n))', predict: 'O(Σ predict_i(m))', fitExponent: null, note: 'cross-validated predictions feed the final estimator' },
  StackingRegressor: { fit: 'O((folds + 1)·Σ c_i(n) + c_final(n))', predict: 'O(Σ predict_i(m))', fitExponent: null, note: 'cross-validated predictions feed the final estimator' },
  TSNE: { fit: 'O(t·n log n) Barnes–Hut, O(t·n²) exact', predict: '—', fitExponent: 1, note: 'plus O(n·d·log n) neighbour search for the perplexity' },
  Isomap: { fit: 'O(n·d·log n + n²·log n + n³)', predict: 'O(m·n)', fitExponent: 3, note: 'k-NN graph, all shortest paths, then an eigendecomposition' },
  UMAP: { fit: 'O(n·d·log n + t·n·k)', predict: 'O(m·n·d)', fitExponent: 1, note: 'k-NN graph, then t epochs of negative sampling over its edges' },
  VarianceThreshold: scaler,
  SelectKBest: selector,
  SelectPercentile: selector,
  RFE: { fit: 'O((d / step)·c(n))', predict: 'O(m·k)', fitExponent: null, note: 'one refit per elimination step' },
  RFECV: { fit: 'O(folds·(d / step)·c(n))', predict: 'O(m·k)', fitExponent: null, note: 'RFE within each fold' },
  SelectFromModel: { fit: 'O(c(n))', predict: 'O(m·d)', fitExponent: null },
  SequentialFeatureSelector: { fit: 'O(k·d·folds·c(n))', predict: 'O(m·k)', fitExponent: null, note: 'k features chosen greedily, each trying every remaining one' },
  LocalOutlierFactor: { fit: 'O(n·d·log n) k-d tree to O(n²·d)', predict: 'O(m·d·log n)', fitExponent: 1, note: 'k-NN of every sample' },
  IsolationForest: { fit: 'O(T·ψ·log ψ)', predict: 'O(T·m·log ψ)', fitExponent: 0, note: 'T trees on subsamples of ψ = 256 rows: independent of n' },
  EllipticEnvelope: { fit: 'O(t·n·d² + t·d³)', predict: 'O(m·d²)', fitExponent: 1, note: 'FastMCD concentration steps' },
  MLPClassifier: { fit: 'O(t·n·Σ layer_in·layer_out)', predict: 'O(m·Σ layer_in·layer_out)', fitExponent: 1, note: 't epochs; forward and backward ≈ 3× the forward FLOPs' },
  MLPRegressor: { fit: 'O(t·n·Σ layer_in·layer_out)', predict: 'O(m·Σ layer_in·layer_out)', fitExponent: 1, note: 't epochs; forward and backward ≈ 3× the forward FLOPs' },
  OPTICS: { fit: 'O(n²)', predict: '—', fitExponent: 2, note: "scikit-learn's main loop, one row of distances per step" },
  Birch: { fit: 'O(n·d·log n)', predict: 'O(m·k·d)', fitExponent: 1, note: 'one insertion per sample into the CF tree' },
  FactorAnalysis: { fit: 'O(n·d² + t·d³)', predict: 'O(m·d·k)', fitExponent: 1, note: 'sample covariance once, then t SVD iterations' },
  FastICA: { fit: 'O(t·n·d·k)', predict: 'O(m·d·k)', fitExponent: 1, note: 'whitening then fixed-point iterations' },
};

/**
 * The cost entry for an estimator name, or an error naming what to add.
 *
 * ```ts
 * estimatorCost('KMeans').fit; // 'O(t·n·k·d)'
 * ```
 */
export function estimatorCost(name: string): EstimatorCost {
  const c = ESTIMATOR_COSTS[name];
  if (!c) throw new Error(`estimatorCost: no cost entry for '${name}'. Add one to ESTIMATOR_COSTS in learn/complexity.ts.`);
  return c;
}

/**
 * The exponent of n measured from timings: the least-squares slope of log(time) against
 * log(n). Doubling n and seeing the time double gives 1; quadruple gives 2.
 *
 * ```ts
 * measuredExponent([100, 200, 400], [1, 4, 16]); // 2
 * ```
 */
export function measuredExponent(sizes: readonly number[], times: readonly number[]): number {
  if (sizes.length !== times.length || sizes.length < 2) {
    throw new RangeError(`measuredExponent: need at least two (size, time) pairs of equal length, got ${sizes.length} sizes and ${times.length} times`);
  }
  if ([...sizes, ...times].some((v) => !(v > 0))) throw new RangeError('measuredExponent: sizes and times must be positive (a time of 0 means the run was too short to measure; use larger sizes)');
  const xs = sizes.map(Math.log);
  const ys = times.map(Math.log);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxy / sxx;
}
