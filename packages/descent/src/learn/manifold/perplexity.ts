/**
 * The binary search behind t-SNE's P (van der Maaten & Hinton 2008, §2; scikit-learn's
 * _binary_search_perplexity): for each row, the precision β = 1/(2σ²) of a Gaussian over the
 * row's squared distances such that the entropy H of p_j|i ∝ exp(−β·d²_ij) equals
 * ln(perplexity), to 1e-5, in at most 100 halvings or doublings.
 */

/**
 * Conditional probabilities p_j|i for each of `n` rows of `k` squared distances (row-major
 * `D`, float32 as scikit-learn). With `skipDiagonal` the rows are full (k = n) and entry i of
 * row i is left out (the exact method); otherwise every entry is a neighbour.
 *
 * ```ts
 * const cond = binarySearchPerplexity(D, n, k, 30, false);   // (n, k), rows sum to 1
 * ```
 */
export function binarySearchPerplexity(D: Float32Array, n: number, k: number, perplexity: number, skipDiagonal: boolean): Float64Array {
  const cond = new Float64Array(n * k);
  const target = Math.log(perplexity);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    const skip = skipDiagonal ? i : -1;
    let beta = 1;
    let lo = -Infinity;
    let hi = Infinity;
    for (let step = 0; step < 100; step++) {
      let sum = 0;
      for (let j = 0; j < k; j++) if (j !== skip) sum += cond[row + j] = Math.exp(-D[row + j] * beta);
      if (sum === 0) sum = 1e-8;
      let sumDistP = 0;
      for (let j = 0; j < k; j++) {
        cond[row + j] /= sum;
        sumDistP += D[row + j] * cond[row + j];
      }
      // H = ln Σ + β·Σ d²·p (the entropy of the normalized Gaussian, in nats).
      const diff = Math.log(sum) + beta * sumDistP - target;
      if (Math.abs(diff) <= 1e-5) break;
      if (diff > 0) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2;
      }
    }
  }
  return cond;
}
