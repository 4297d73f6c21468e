/**
 * Convergence diagnostics for MCMC: split R̂ and the effective sample size, as in Gelman
 * et al., Bayesian Data Analysis, 3rd ed., §11.4–11.5 (split chains; ESS from the
 * combined autocorrelations, summed in pairs until a pair turns negative, with Geyer's
 * initial monotone sequence — the estimator Stan uses).
 */

function checkChains(fn: string, chains: ArrayLike<number>[]): Float64Array[] {
  if (!Array.isArray(chains) || chains.length === 0) throw new TypeError(`${fn}: pass an array of chains (arrays of draws)`);
  const n = chains[0].length;
  if (n < 4) throw new RangeError(`${fn}: each chain needs at least 4 draws, got ${n}`);
  return chains.map((c, i) => {
    if (c.length !== n) throw new RangeError(`${fn}: all chains must have the same length; chain ${i} has ${c.length}, chain 0 has ${n}`);
    return Float64Array.from(c);
  });
}

/** Each chain cut into halves (BDA3's split chains detect trends within a chain). */
function split(chains: Float64Array[]): Float64Array[] {
  const half = Math.floor(chains[0].length / 2);
  return chains.flatMap((c) => [c.slice(0, half), c.slice(c.length - half)]);
}

const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
const variance = (x: Float64Array) => {
  const m = mean(x);
  return x.reduce((a, v) => a + (v - m) ** 2, 0) / (x.length - 1);
};

/**
 * Split R̂ = √(var⁺/W): near 1 when the chains agree, above ~1.01 when they have not mixed.
 *
 * ```ts
 * rhat([chainA, chainB, chainC, chainD]);
 * ```
 */
export function rhat(chains: ArrayLike<number>[]): number {
  const s = split(checkChains('rhat', chains));
  const n = s[0].length;
  const means = Float64Array.from(s, mean);
  const B = n * variance(means);
  const W = s.reduce((a, c) => a + variance(c), 0) / s.length;
  const varPlus = ((n - 1) / n) * W + B / n;
  return Math.sqrt(varPlus / W);
}

/**
 * The effective sample size of the pooled draws (BDA3 eq. 11.8 with Geyer's initial
 * monotone sequence).
 *
 * ```ts
 * ess([chainA, chainB]); // ≈ total draws for independent draws, fewer when autocorrelated
 * ```
 */
export function ess(chains: ArrayLike<number>[]): number {
  const s = split(checkChains('ess', chains));
  const m = s.length;
  const n = s[0].length;
  const means = Float64Array.from(s, mean);
  const W = s.reduce((a, c) => a + variance(c), 0) / m;
  const B = n * variance(means);
  const varPlus = ((n - 1) / n) * W + B / n;
  // ρ_t = 1 − (W − mean autocovariance at lag t)/var⁺
  const rho = (t: number) => {
    let acov = 0;
    for (const c of s) {
      const mu = mean(c);
      let sum = 0;
      for (let i = 0; i + t < n; i++) sum += (c[i] - mu) * (c[i + t] - mu);
      acov += sum / n;
    }
    acov /= m;
    const c0 = s.reduce((a, c) => {
      const mu = mean(c);
      return a + c.reduce((acc, v) => acc + (v - mu) ** 2, 0) / n;
    }, 0) / m;
    return 1 - (c0 - acov) / varPlus;
  };
  let sum = 0;
  let prevPair = Infinity;
  for (let t = 0; t + 1 < n; t += 2) {
    let pair = rho(t) + rho(t + 1);
    if (pair < 0) break;
    pair = Math.min(pair, prevPair); // initial monotone sequence
    prevPair = pair;
    sum += pair;
  }
  const tau = -1 + 2 * sum;
  return (m * n) / Math.max(tau, 1 / Math.log10(m * n));
}
