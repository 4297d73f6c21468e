/**
 * The pieces of UMAP (McInnes, Healy & Melville, "UMAP: Uniform Manifold Approximation and
 * Projection for Dimension Reduction", arXiv:1802.03426, 2018) that do not move points:
 *
 * - the fuzzy simplicial set (§3.1, Algorithm 2–3): each point's distances to its k nearest
 *   neighbours become memberships w_ij = exp(−max(0, d_ij − ρ_i)/σ_i), with ρ_i the distance
 *   to its nearest neighbour (so every point is connected to at least one with weight 1) and
 *   σ_i chosen so that Σ_j w_ij = log₂ k; the directed weights are combined with the
 *   probabilistic t-conorm w_ij + w_ji − w_ij·w_ji;
 * - the embedding's curve 1/(1 + a·d^(2b)), fitted by least squares to the target that is 1
 *   up to `minDist` and exp(−(d − minDist)/spread) beyond (§4, Definition 11's Φ and Ψ);
 * - the spectral initialisation: the eigenvectors of the graph's normalized Laplacian with
 *   the smallest non-zero eigenvalues (Laplacian eigenmaps, Belkin & Niyogi 2003).
 */
import type { SparseP } from './barnes-hut.js';
import { eighKernel } from '../../linalg/eigh-kernel.js';

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/**
 * ρ_i and σ_i for each of n rows of k neighbour distances (row-major, nearest first, the point
 * itself in column 0 at distance 0, as umap-learn's smooth_knn_dist): σ by bisection in 64
 * steps to Σ_{j≥1} exp(−max(0, d_ij − ρ_i)/σ_i) = log₂ k, floored at 1e-3 of the mean distance.
 * `localConnectivity` 1 (fit) makes ρ_i the nearest non-zero distance; 0 (umap-learn's
 * transform, which passes local_connectivity − 1) makes ρ_i = 0.
 *
 * ```ts
 * const { rho, sigma } = smoothKnnDist(dists, n, 15);
 * ```
 */
export function smoothKnnDist(dists: Float64Array, n: number, k: number, localConnectivity: 0 | 1 = 1): { rho: Float64Array; sigma: Float64Array } {
  const target = Math.log2(k);
  const rho = new Float64Array(n);
  const sigma = new Float64Array(n);
  let meanAll = 0;
  for (let t = 0; t < n * k; t++) meanAll += dists[t] / (n * k);
  for (let i = 0; i < n; i++) {
    const row = dists.subarray(i * k, (i + 1) * k);
    // Local connectivity 1: ρ is the nearest non-zero distance.
    let nonZero = -1;
    if (localConnectivity === 1) for (let j = 0; j < k; j++) if (row[j] > 0) { nonZero = row[j]; break; }
    rho[i] = nonZero > 0 ? nonZero : 0;
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    for (let step = 0; step < 64; step++) {
      let psum = 0;
      for (let j = 1; j < k; j++) {
        const d = row[j] - rho[i];
        psum += d > 0 ? Math.exp(-(d / mid)) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    let floor = MIN_K_DIST_SCALE * meanAll;
    if (rho[i] > 0) {
      let m = 0;
      for (let j = 0; j < k; j++) m += row[j] / k;
      floor = MIN_K_DIST_SCALE * m;
    }
    sigma[i] = Math.max(mid, floor);
  }
  return { rho, sigma };
}

/**
 * The symmetric fuzzy graph (CSR, sorted columns, zeros dropped) from each row's neighbour
 * indices and distances: directed w_ij = exp(−max(0, d_ij − ρ_i)/σ_i) (0 to itself), then
 * w_ij + w_ji − w_ij·w_ji.
 */
export function fuzzySimplicialSet(index: Int32Array, dists: Float64Array, n: number, k: number): SparseP {
  const { rho, sigma } = smoothKnnDist(dists, n, k);
  const directed: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = index[i * k + t];
      if (j === i) continue;
      const d = dists[i * k + t] - rho[i];
      directed[i].set(j, d <= 0 || sigma[i] === 0 ? 1 : Math.exp(-(d / sigma[i])));
    }
  }
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++) {
    for (const [j, w] of directed[i]) {
      const back = directed[j].get(i) ?? 0;
      const v = w + back - w * back;
      rows[i].set(j, v);
      rows[j].set(i, v);
    }
  }
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) indptr[i + 1] = indptr[i] + rows[i].size;
  const indices = new Int32Array(indptr[n]);
  const data = new Float64Array(indptr[n]);
  for (let i = 0; i < n; i++) {
    [...rows[i].keys()].sort((a, b) => a - b).forEach((j, t) => {
      indices[indptr[i] + t] = j;
      data[indptr[i] + t] = rows[i].get(j)!;
    });
  }
  return { indptr, indices, data };
}

/**
 * (a, b) of Φ(d) = 1/(1 + a·d^(2b)) closest in least squares to Ψ(d) = 1 for d < minDist,
 * exp(−(d − minDist)/spread) beyond, on 300 points of [0, 3·spread] (umap-learn's
 * find_ab_params, which calls SciPy's curve_fit); solved here by Levenberg–Marquardt from
 * (1, 1) as curve_fit does.
 *
 * ```ts
 * findAbParams(1, 0.1);   // ≈ { a: 1.577, b: 0.895 }
 * ```
 */
export function findAbParams(spread: number, minDist: number): { a: number; b: number } {
  const m = 300;
  const x = Float64Array.from({ length: m }, (_, i) => (3 * spread * i) / (m - 1));
  const y = x.map((v) => (v < minDist ? 1 : Math.exp(-(v - minDist) / spread)));
  const cost = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < m; i++) s += (1 / (1 + a * x[i] ** (2 * b)) - y[i]) ** 2;
    return s;
  };
  let a = 1;
  let b = 1;
  let lambda = 1e-3;
  let c = cost(a, b);
  for (let it = 0; it < 500; it++) {
    // Normal equations JᵀJ·δ = −Jᵀr of the 2-parameter problem, damped on the diagonal.
    let jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
    for (let i = 0; i < m; i++) {
      const p = x[i] > 0 ? x[i] ** (2 * b) : 0;
      const f = 1 / (1 + a * p);
      const r = f - y[i];
      const da = -p * f * f;
      const db = x[i] > 0 ? -a * p * 2 * Math.log(x[i]) * f * f : 0;
      jaa += da * da; jab += da * db; jbb += db * db;
      ga += da * r; gb += db * r;
    }
    let improved = false;
    for (let tries = 0; tries < 30 && !improved; tries++) {
      const A = jaa * (1 + lambda);
      const B = jbb * (1 + lambda);
      const det = A * B - jab * jab;
      const na = a - (B * ga - jab * gb) / det;
      const nb = b - (A * gb - jab * ga) / det;
      const nc = cost(na, nb);
      if (nc < c) {
        const rel = (c - nc) / c;
        a = na; b = nb; c = nc;
        lambda /= 10;
        improved = true;
        if (rel < 1e-15) return { a, b };
      } else {
        lambda *= 10;
      }
    }
    if (!improved) break;
  }
  return { a, b };
}

/**
 * The `nComponents` eigenvectors of the normalized Laplacian L = I − D^(−½)·W·D^(−½) with
 * the smallest eigenvalues after the trivial one (umap-learn's spectral_layout), as an
 * (n, nComponents) row-major array. They are the largest of N = D^(−½)·W·D^(−½), found by
 * Lanczos with full reorthogonalization from the all-ones start vector, as umap-learn's
 * eigsh call starts.
 */
export function spectralLayout(G: SparseP, n: number, nComponents: number): Float64Array {
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let t = G.indptr[i]; t < G.indptr[i + 1]; t++) deg[i] += G.data[t];
  const s = deg.map((d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
  const matvec = (v: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let t = G.indptr[i]; t < G.indptr[i + 1]; t++) acc += G.data[t] * s[G.indices[t]] * v[G.indices[t]];
      out[i] = s[i] * acc;
    }
  };
  const m = Math.min(n, Math.max(2 * (nComponents + 1) + 1, 100));
  const Q = new Float64Array(m * n); // Lanczos basis, one vector per row
  const alpha = new Float64Array(m);
  const beta = new Float64Array(m);
  let q = Q.subarray(0, n);
  q.fill(1 / Math.sqrt(n));
  const w = new Float64Array(n);
  let steps = m;
  for (let j = 0; j < m; j++) {
    q = Q.subarray(j * n, (j + 1) * n);
    matvec(q, w);
    let a = 0;
    for (let i = 0; i < n; i++) a += w[i] * q[i];
    alpha[j] = a;
    // Full reorthogonalization (twice, "twice is enough") against every basis vector so far.
    for (let pass = 0; pass < 2; pass++) {
      for (let r = 0; r <= j; r++) {
        const qr = Q.subarray(r * n, (r + 1) * n);
        let dot = 0;
        for (let i = 0; i < n; i++) dot += w[i] * qr[i];
        for (let i = 0; i < n; i++) w[i] -= dot * qr[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += w[i] * w[i];
    norm = Math.sqrt(norm);
    if (j === m - 1 || norm < 1e-10) { steps = j + 1; break; }
    beta[j] = norm;
    const next = Q.subarray((j + 1) * n, (j + 2) * n);
    for (let i = 0; i < n; i++) next[i] = w[i] / norm;
  }
  // Ritz pairs from the (steps, steps) tridiagonal T = Qᵀ·N·Q.
  const T = new Float64Array(steps * steps);
  for (let j = 0; j < steps; j++) {
    T[j * steps + j] = alpha[j];
    if (j + 1 < steps) T[(j + 1) * steps + j] = T[j * steps + j + 1] = beta[j];
  }
  const { V } = eighKernel({ rows: steps, cols: steps, data: T });
  const out = new Float64Array(n * nComponents);
  for (let c = 0; c < nComponents; c++) {
    const col = steps - 2 - c; // skip the largest (the trivial D^½·1 direction)
    if (col < 0) break;
    for (let j = 0; j < steps; j++) {
      const coef = V.data[j * steps + col];
      for (let i = 0; i < n; i++) out[i * nComponents + c] += coef * Q[j * n + i];
    }
  }
  return out;
}
