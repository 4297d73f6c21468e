/**
 * Judging a clustering from the data alone (sklearn.metrics.cluster._unsupervised):
 * silhouette, Davies–Bouldin and Calinski–Harabasz, all with Euclidean distances.
 */
import { checkArray, checkConsistentLength, checkLabels, uniqueLabels, type LabelsLike, type Matrix, type MatrixLike } from '../base/validation.js';

function prepare(X: MatrixLike, labels: LabelsLike): { M: Matrix; lab: Int32Array; k: number } {
  const M = checkArray(X);
  const l = checkLabels(labels, 'labels');
  checkConsistentLength(M.rows, l.length);
  const classes = uniqueLabels(l);
  const k = classes.length;
  if (k < 2 || k > M.rows - 1) {
    throw new Error(`Number of labels is ${k}. Valid values are 2 to nSamples - 1 (inclusive)`);
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  return { M, lab: Int32Array.from(l, (v) => index.get(v)!), k };
}

function dist(M: Matrix, i: number, j: number): number {
  let s = 0;
  for (let c = 0; c < M.cols; c++) s += (M.data[i * M.cols + c] - M.data[j * M.cols + c]) ** 2;
  return Math.sqrt(s);
}

function centroids(M: Matrix, lab: Int32Array, k: number): { C: Float64Array; counts: number[] } {
  const C = new Float64Array(k * M.cols);
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < M.rows; i++) {
    counts[lab[i]]++;
    for (let c = 0; c < M.cols; c++) C[lab[i] * M.cols + c] += M.data[i * M.cols + c];
  }
  for (let j = 0; j < k; j++) for (let c = 0; c < M.cols; c++) C[j * M.cols + c] /= counts[j];
  return { C, counts };
}

/**
 * Silhouette of each sample s = (b − a)/max(a, b), a the mean distance to its own
 * cluster, b the mean distance to the nearest other cluster; 0 for singleton clusters.
 */
export function silhouetteSamples(X: MatrixLike, labels: LabelsLike): number[] {
  const { M, lab, k } = prepare(X, labels);
  const sizes = new Array<number>(k).fill(0);
  for (const l of lab) sizes[l]++;
  const out: number[] = [];
  for (let i = 0; i < M.rows; i++) {
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < M.rows; j++) if (j !== i) sums[lab[j]] += dist(M, i, j);
    const own = lab[i];
    if (sizes[own] <= 1) { out.push(0); continue; }
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own) b = Math.min(b, sums[c] / sizes[c]);
    out.push((b - a) / Math.max(a, b));
  }
  return out;
}

/** Mean silhouette over samples: near 1 for dense, well-separated clusters. */
export function silhouetteScore(X: MatrixLike, labels: LabelsLike): number {
  const s = silhouetteSamples(X, labels);
  return s.reduce((a, b) => a + b, 0) / s.length;
}

/**
 * Davies–Bouldin index (1979): mean over clusters of the worst (sᵢ + sⱼ)/dᵢⱼ, s the mean
 * distance to the centroid, d the distance between centroids. Lower is better; 0 minimum.
 */
export function daviesBouldinScore(X: MatrixLike, labels: LabelsLike): number {
  const { M, lab, k } = prepare(X, labels);
  const { C, counts } = centroids(M, lab, k);
  const d = M.cols;
  const intra = new Array<number>(k).fill(0);
  for (let i = 0; i < M.rows; i++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += (M.data[i * d + c] - C[lab[i] * d + c]) ** 2;
    intra[lab[i]] += Math.sqrt(s);
  }
  for (let j = 0; j < k; j++) intra[j] /= counts[j];
  const cd = (a: number, b: number) => Math.sqrt(Array.from({ length: d }, (_, c) => (C[a * d + c] - C[b * d + c]) ** 2).reduce((s, v) => s + v, 0));
  const near0 = (v: number) => Math.abs(v) <= 1e-8; // np.allclose(x, 0)
  const allCd: number[] = [];
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) allCd.push(cd(a, b));
  if (intra.every(near0) || allCd.every(near0)) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = -Infinity;
    for (let b = 0; b < k; b++) {
      const dist = cd(a, b) === 0 ? Infinity : cd(a, b);
      worst = Math.max(worst, (intra[a] + intra[b]) / dist);
    }
    total += worst;
  }
  return total / k;
}

/**
 * Calinski–Harabasz index (variance ratio criterion, 1974): between-cluster dispersion
 * over within-cluster dispersion, scaled by (n − k)/(k − 1). Higher is better.
 */
export function calinskiHarabaszScore(X: MatrixLike, labels: LabelsLike): number {
  const { M, lab, k } = prepare(X, labels);
  const { C, counts } = centroids(M, lab, k);
  const d = M.cols;
  const mean = new Float64Array(d);
  for (let i = 0; i < M.rows; i++) for (let c = 0; c < d; c++) mean[c] += M.data[i * d + c] / M.rows;
  let extra = 0;
  let intra = 0;
  for (let j = 0; j < k; j++) for (let c = 0; c < d; c++) extra += counts[j] * (C[j * d + c] - mean[c]) ** 2;
  for (let i = 0; i < M.rows; i++) for (let c = 0; c < d; c++) intra += (M.data[i * d + c] - C[lab[i] * d + c]) ** 2;
  return intra === 0 ? 1 : (extra * (M.rows - k)) / (intra * (k - 1));
}
