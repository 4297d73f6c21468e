/**
 * Drawing embeddings in 2-D: principal component analysis of a set of word vectors. The
 * vectors are centred, their (D, D) covariance is diagonalized with linalg's symmetric
 * eigensolver, and each vector is projected on the eigenvectors of the `k` largest
 * eigenvalues — the k-dimensional view that keeps the most variance (Pearson, 1901).
 * Signs are fixed so that each component's largest loading is positive, making the picture
 * deterministic.
 */
import { eighKernel } from '../linalg/eigh-kernel.js';
import { zeros } from '../linalg/matrix.js';

/**
 * Projects n row vectors of dimension d (row-major) onto their top `k` principal
 * components; returns (n, k) coordinates, row-major.
 *
 * ```ts
 * const xy = pcaProject(Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3, 3, 2); // 3 points in 2-D
 * ```
 */
export function pcaProject(X: Float64Array, n: number, d: number, k = 2): Float64Array {
  if (X.length !== n * d) throw new Error(`pcaProject: ${X.length} values cannot be ${n} rows of dimension ${d}.`);
  if (!Number.isInteger(k) || k < 1 || k > d) throw new Error(`pcaProject: k must be an integer in [1, ${d}]. Got ${k}.`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X[i * d + j] / n;
  const C = zeros(d, d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const xa = X[i * d + a] - mean[a];
      for (let b = 0; b <= a; b++) C.data[a * d + b] += (xa * (X[i * d + b] - mean[b])) / Math.max(1, n - 1);
    }
  }
  const { V } = eighKernel(C); // eigenvalues ascending: the last k columns are the top components
  const out = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const col = d - 1 - c;
    let big = 0;
    for (let j = 0; j < d; j++) if (Math.abs(V.data[j * d + col]) > Math.abs(big)) big = V.data[j * d + col];
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (X[i * d + j] - mean[j]) * V.data[j * d + col];
      out[i * k + c] = sign * s;
    }
  }
  return out;
}
