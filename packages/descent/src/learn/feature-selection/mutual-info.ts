/**
 * Mutual information between each feature and the target, estimated from k-nearest-neighbour
 * distances (sklearn's `mutual_info_regression` and `mutual_info_classif`): Kraskov,
 * Stögbauer & Grassberger, "Estimating mutual information", Phys. Rev. E 69 (2004), for a
 * continuous target, and Ross, "Mutual information between discrete and continuous data
 * sets", PLoS ONE 9 (2014), for class labels. Unlike the F-test it sees any dependence, not
 * only a linear one; 0 means independent.
 */
import { digamma } from '../../stats/special/index.js';
import { checkXLabels, checkXy, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import { NearestNeighbors } from '../neighbors/nearest-neighbors.js';

export interface MutualInfoOptions {
  /** k of the k-nearest-neighbour estimator. Default 3. */
  nNeighbors?: number;
  /** Seed of the 1e-10-scale noise that breaks ties between equal values (as Kraskov et al. advise). Default 0. */
  randomState?: number;
}

/** The largest double below r (NumPy's nextafter(r, 0)), so that "within r" means strictly closer. */
function below(r: number): number {
  if (r <= 0) return r === 0 ? 0 : r;
  const buf = new Float64Array([r]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0] -= 1n;
  return buf[0];
}

/**
 * For each i, how many values lie within r[i] of v[i] (inclusive), by binary search on the
 * sorted values. The tests compare |s − x| with r exactly, as a k-d tree does: x ± r can
 * round past the one-ulp margin that makes the k-th neighbour's radius strict.
 */
function countWithin(v: Float64Array, r: ArrayLike<number>): number[] {
  const sorted = Float64Array.from(v).sort();
  const first = (pred: (s: number) => boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pred(sorted[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return Array.from(v, (x, i) => first((s) => s - x > r[i]) - first((s) => x - s <= r[i]));
}

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;

/** KSG estimator I(x; y) for two continuous variables: ψ(n) + ψ(k) − ⟨ψ(n_x + 1)⟩ − ⟨ψ(n_y + 1)⟩. */
function miContinuous(x: Float64Array, y: Float64Array, k: number): number {
  const n = x.length;
  const xy = Array.from(x, (v, i) => [v, y[i]]);
  // Distance to the k-th neighbour in the joint space, max-norm.
  const { distances } = new NearestNeighbors({ nNeighbors: k, metric: 'chebyshev' }).fit(xy).kneighbors(null, k);
  const radius = distances.map((d) => below(d[k - 1]));
  const nx = countWithin(x, radius).map((c) => c - 1);
  const ny = countWithin(y, radius).map((c) => c - 1);
  const mi = digamma(n) + digamma(k) - mean(nx.map((c) => digamma(c + 1))) - mean(ny.map((c) => digamma(c + 1)));
  return Math.max(0, mi);
}

/** Ross's estimator I(c; d) for a continuous c and discrete d: ψ(N) + ⟨ψ(k)⟩ − ⟨ψ(N_d)⟩ − ⟨ψ(m)⟩. */
function miMixed(c: Float64Array, d: readonly Label[], nNeighbors: number): number {
  const n = c.length;
  const radius = new Float64Array(n);
  const kAll = new Float64Array(n);
  const labelCounts = new Float64Array(n);
  const byLabel = new Map<Label, number[]>();
  d.forEach((l, i) => {
    if (!byLabel.has(l)) byLabel.set(l, []);
    byLabel.get(l)!.push(i);
  });
  for (const idx of byLabel.values()) {
    const count = idx.length;
    if (count > 1) {
      const k = Math.min(nNeighbors, count - 1);
      const { distances } = new NearestNeighbors({ nNeighbors: k }).fit(idx.map((i) => [c[i]])).kneighbors(null, k);
      idx.forEach((i, r) => {
        radius[i] = below(distances[r][k - 1]);
        kAll[i] = k;
      });
    }
    for (const i of idx) labelCounts[i] = count;
  }
  // Samples whose label occurs once carry no neighbour information: leave them out.
  const keep = Array.from({ length: n }, (_, i) => i).filter((i) => labelCounts[i] > 1);
  const cKeep = Float64Array.from(keep, (i) => c[i]);
  const m = countWithin(cKeep, keep.map((i) => radius[i]));
  const mi = digamma(keep.length) + mean(keep.map((i) => digamma(kAll[i]))) - mean(keep.map((i) => digamma(labelCounts[i]))) - mean(m.map(digamma));
  return Math.max(0, mi);
}

/** Each column divided by its standard deviation, plus tiny noise (scikit-learn's preparation). */
function preparedColumns(M: Matrix, rng: Generator): Float64Array[] {
  const cols: Float64Array[] = [];
  for (let j = 0; j < M.cols; j++) {
    const col = Float64Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]);
    const sd = Math.sqrt(mean(col.map((v) => v * v)) - mean(col) ** 2);
    if (sd > 0) for (let i = 0; i < col.length; i++) col[i] /= sd;
    cols.push(col);
  }
  for (const col of cols) {
    const scale = 1e-10 * Math.max(1, mean(col.map(Math.abs)));
    for (let i = 0; i < col.length; i++) col[i] += scale * rng.normal();
  }
  return cols;
}

/**
 * Estimated mutual information (in nats) between each feature and a continuous target.
 *
 * ```ts
 * mutualInfoRegression(X, y); // one value >= 0 per column; larger means more informative
 * ```
 */
export function mutualInfoRegression(X: MatrixLike, y: VectorLike, options: MutualInfoOptions = {}): number[] {
  const { X: M, y: t } = checkXy(X, y, { caller: 'mutualInfoRegression' });
  const k = checkK(options.nNeighbors ?? 3, M.rows, 'mutualInfoRegression');
  const rng = new Generator(options.randomState ?? 0);
  const cols = preparedColumns(M, rng);
  const sd = Math.sqrt(mean(t.map((v) => v * v)) - mean(t) ** 2);
  const yy = Float64Array.from(t, (v) => (sd > 0 ? v / sd : v));
  const scale = 1e-10 * Math.max(1, mean(yy.map(Math.abs)));
  for (let i = 0; i < yy.length; i++) yy[i] += scale * rng.normal();
  return cols.map((c) => miContinuous(c, yy, k));
}

/**
 * Estimated mutual information (in nats) between each feature and the class labels.
 *
 * ```ts
 * mutualInfoClassif(X, labels); // 0 for a feature independent of the class
 * ```
 */
export function mutualInfoClassif(X: MatrixLike, y: LabelsLike, options: MutualInfoOptions = {}): number[] {
  const { X: M, y: labels } = checkXLabels(X, y, { caller: 'mutualInfoClassif' });
  const k = checkK(options.nNeighbors ?? 3, M.rows, 'mutualInfoClassif');
  const cols = preparedColumns(M, new Generator(options.randomState ?? 0));
  return cols.map((c) => miMixed(c, labels, k));
}

function checkK(k: number, n: number, fn: string): number {
  if (!Number.isInteger(k) || k < 1 || k >= n) throw new Error(`${fn}: nNeighbors must be an integer in [1, ${n - 1}] (below the number of samples); got ${k}.`);
  return k;
}
