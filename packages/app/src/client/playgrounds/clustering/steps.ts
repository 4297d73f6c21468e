/**
 * The clustering playground's algorithms, one visible step at a time, on 2-D points:
 *
 * - k-means++ seeding (Arthur & Vassilvitskii 2007): the first centre uniformly at random,
 *   each next one drawn with probability D(x)² / Σ D², D the distance to the nearest centre
 *   so far. (scikit-learn's KMeans uses a greedy variant that draws 2 + ⌊ln k⌋ candidates
 *   and keeps the best; the plain rule is easier to watch.)
 * - Lloyd's iteration: assign every point to its nearest centre, then move every centre to
 *   the mean of its points. The inertia Σ‖x − μ_c(x)‖² never increases.
 * - EM for a Gaussian mixture with full covariances: the E-step computes each point's
 *   responsibilities r_ik ∝ π_k N(x_i | μ_k, Σ_k); the M-step re-estimates π, μ, Σ from them
 *   (adding 1e-6 to the covariance diagonal, as scikit-learn's regCovar does).
 *
 * The tests check these steps against `KMeans` and `GaussianMixture` from `descent/learn`.
 */
import type { Generator } from 'descent/random';

export type Point = [number, number];
const d2 = (a: readonly number[], b: readonly number[]) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

/** Each point's squared distance to its nearest centre, and the probabilities k-means++ draws the next centre with. */
export function seedingProbabilities(X: readonly Point[], centers: readonly Point[]): Float64Array {
  const p = new Float64Array(X.length);
  let total = 0;
  X.forEach((x, i) => {
    p[i] = Math.min(...centers.map((c) => d2(x, c)));
    total += p[i];
  });
  return total > 0 ? p.map((v) => v / total) : p.fill(1 / X.length);
}

/**
 * The next k-means++ centre: uniform for the first, then ∝ D².
 *
 * ```ts
 * const centers: Point[] = [];
 * while (centers.length < 3) centers.push(X[nextSeed(X, centers, rng)]);
 * ```
 */
export function nextSeed(X: readonly Point[], centers: readonly Point[], rng: Generator): number {
  if (centers.length === 0) return rng.integers(0, X.length);
  const p = seedingProbabilities(X, centers);
  let u = rng.random();
  for (let i = 0; i < X.length; i++) {
    u -= p[i];
    if (u < 0) return i;
  }
  return X.length - 1;
}

/** Lloyd's assignment step: nearest centre (ties to the lower index) and the inertia. */
export function assign(X: readonly Point[], centers: readonly Point[]): { labels: Int32Array; inertia: number } {
  const labels = new Int32Array(X.length);
  let inertia = 0;
  X.forEach((x, i) => {
    let best = 0;
    let bd = Infinity;
    centers.forEach((c, k) => {
      const d = d2(x, c);
      if (d < bd) [best, bd] = [k, d];
    });
    labels[i] = best;
    inertia += bd;
  });
  return { labels, inertia };
}

/** Lloyd's update step: each centre to the mean of its points (a centre with none stays). */
export function update(X: readonly Point[], labels: Int32Array, centers: readonly Point[]): Point[] {
  const sum = centers.map(() => [0, 0, 0]);
  X.forEach((x, i) => {
    const s = sum[labels[i]];
    s[0] += x[0]; s[1] += x[1]; s[2] += 1;
  });
  return centers.map((c, k) => (sum[k][2] === 0 ? [c[0], c[1]] : [sum[k][0] / sum[k][2], sum[k][1] / sum[k][2]]));
}

/** A 2-D Gaussian mixture: weights, means and 2×2 covariances [[a, b], [b, c]]. */
export interface Mixture { weights: number[]; means: Point[]; covs: [number, number, number][] }

/**
 * A mixture to start EM from: the seeds as means, equal weights, and every covariance a
 * circle with the data's average variance over k (so components start smaller than the data).
 */
export function initialMixture(X: readonly Point[], seeds: readonly Point[]): Mixture {
  const n = X.length;
  const m = [X.reduce((s, x) => s + x[0], 0) / n, X.reduce((s, x) => s + x[1], 0) / n];
  const v = X.reduce((s, x) => s + d2(x, m), 0) / (2 * n) / seeds.length;
  return { weights: seeds.map(() => 1 / seeds.length), means: seeds.map((s) => [s[0], s[1]]), covs: seeds.map(() => [v, 0, v]) };
}

/** log N(x | μ, Σ) for a 2×2 covariance. */
function logNormal(x: Point, mu: Point, [a, b, c]: [number, number, number]): number {
  const det = a * c - b * b;
  const dx = x[0] - mu[0];
  const dy = x[1] - mu[1];
  const q = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
  return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * q;
}

/** E-step: responsibilities (n, k) row-major, and the mean log-likelihood of the data under the mixture. */
export function eStep(X: readonly Point[], g: Mixture): { resp: Float64Array; meanLogLik: number } {
  const k = g.weights.length;
  const resp = new Float64Array(X.length * k);
  let ll = 0;
  X.forEach((x, i) => {
    const logs = g.means.map((mu, j) => Math.log(g.weights[j]) + logNormal(x, mu, g.covs[j]));
    const top = Math.max(...logs);
    const norm = top + Math.log(logs.reduce((s, l) => s + Math.exp(l - top), 0)); // log-sum-exp
    logs.forEach((l, j) => { resp[i * k + j] = Math.exp(l - norm); });
    ll += norm;
  });
  return { resp, meanLogLik: ll / X.length };
}

/** M-step: weights, means and full covariances from the responsibilities. */
export function mStep(X: readonly Point[], resp: Float64Array, k: number, regCovar = 1e-6): Mixture {
  const n = X.length;
  const weights: number[] = [];
  const means: Point[] = [];
  const covs: [number, number, number][] = [];
  for (let j = 0; j < k; j++) {
    let nk = 10 * Number.EPSILON; // scikit-learn's guard against an empty component
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      const r = resp[i * k + j];
      nk += r; mx += r * X[i][0]; my += r * X[i][1];
    }
    mx /= nk; my /= nk;
    let a = 0;
    let b = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const r = resp[i * k + j];
      const dx = X[i][0] - mx;
      const dy = X[i][1] - my;
      a += r * dx * dx; b += r * dx * dy; c += r * dy * dy;
    }
    weights.push(nk / n);
    means.push([mx, my]);
    covs.push([a / nk + regCovar, b / nk, c / nk + regCovar]);
  }
  return { weights, means, covs };
}

/**
 * The ellipse of a 2×2 covariance at `nSigma` standard deviations: semi-axes and the angle of
 * the first (radians), from its eigen-decomposition.
 */
export function ellipse([a, b, c]: [number, number, number], nSigma: number): { rx: number; ry: number; angle: number } {
  const mean = (a + c) / 2;
  const diff = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  const l1 = mean + diff;
  const l2 = Math.max(mean - diff, 0);
  const angle = Math.abs(b) < 1e-15 ? (a >= c ? 0 : Math.PI / 2) : Math.atan2(l1 - a, b);
  return { rx: nSigma * Math.sqrt(l1), ry: nSigma * Math.sqrt(l2), angle };
}
