/**
 * Permutation tests, as SciPy's `permutation_test`: the null distribution of a statistic
 * under exchangeability, exact (every distinct rearrangement) when there are at most
 * `nResamples` of them, else by random rearrangement with the +1 correction of Phipson &
 * Smyth (Stat. Appl. Genet. Mol. Biol. 9 (2010) 39).
 *
 * - 'independent': observations are reassigned among the samples (two-sample tests);
 * - 'samples': paired observations are swapped between samples (paired tests);
 * - 'pairings': the order of the samples is shuffled against each other (correlation).
 */
import { defaultGenerator, type Generator } from '../../random/index.js';
import { checkAlternative, sample, type Alternative } from '../descriptive/data.js';
import type { Statistic } from './bootstrap.js';

export interface PermutationTestOptions {
  permutationType?: 'independent' | 'samples' | 'pairings';
  nResamples?: number;
  alternative?: Alternative;
  generator?: Generator;
}

export interface PermutationTestResult {
  statistic: number;
  pvalue: number;
  nullDistribution: Float64Array;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Calls visit(indices) for every k-subset of 0..n-1 in lexicographic order. */
function combinations(n: number, k: number, visit: (c: number[]) => void): void {
  const c = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    visit(c);
    let i = k - 1;
    while (i >= 0 && c[i] === n - k + i) i--;
    if (i < 0) return;
    c[i]++;
    for (let j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
  }
}

/** Calls visit(p) for every permutation of 0..n-1 (Heap's algorithm). */
function permutations(n: number, visit: (p: number[]) => void): void {
  const p = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  visit(p);
  let i = 0;
  while (i < n) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [p[j], p[i]] = [p[i], p[j]];
      visit(p);
      c[i]++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/**
 * ```ts
 * const diff = (x: Float64Array, y: Float64Array) => x.reduce((a, b) => a + b) / x.length - y.reduce((a, b) => a + b) / y.length;
 * permutationTest([[5.1, 6.2, 7.0, 6.6], [4.0, 4.9, 5.3]], diff); // exact: 35 splits
 * ```
 */
export function permutationTest(data: ArrayLike<number>[], statistic: Statistic, options: PermutationTestOptions = {}): PermutationTestResult {
  const { permutationType = 'independent', nResamples = 9999, generator = defaultGenerator } = options;
  const alternative = checkAlternative('permutationTest', options.alternative ?? 'two-sided');
  if (!Array.isArray(data) || data.length === 0) throw new TypeError('permutationTest: data must be an array of samples, e.g. [x, y]');
  const samples = data.map((d, i) => sample('permutationTest', d, 1, `sample ${i}`));
  const observed = statistic(...samples);
  const nulls: number[] = [];
  let exact: boolean;
  if (permutationType === 'independent') {
    if (samples.length !== 2) throw new RangeError('permutationTest: permutationType independent is implemented for two samples');
    const pooled = Float64Array.from([...samples[0], ...samples[1]]);
    const n = pooled.length;
    const k = samples[0].length;
    let count = 1;
    for (let i = 0; i < k; i++) count = (count * (n - i)) / (i + 1);
    exact = count <= nResamples;
    const x = new Float64Array(k);
    const y = new Float64Array(n - k);
    if (exact) {
      const inX = new Uint8Array(n);
      combinations(n, k, (c) => {
        inX.fill(0);
        c.forEach((i, j) => {
          x[j] = pooled[i];
          inX[i] = 1;
        });
        let t = 0;
        for (let i = 0; i < n; i++) if (!inX[i]) y[t++] = pooled[i];
        nulls.push(statistic(x, y));
      });
    } else {
      for (let r = 0; r < nResamples; r++) {
        const p = generator.permutation(n);
        for (let i = 0; i < k; i++) x[i] = pooled[p[i]];
        for (let i = k; i < n; i++) y[i - k] = pooled[p[i]];
        nulls.push(statistic(x, y));
      }
    }
  } else {
    const n = samples[0].length;
    if (samples.some((s) => s.length !== n)) throw new RangeError(`permutationTest: permutationType ${permutationType} needs samples of equal length`);
    const bufs = samples.map((s) => Float64Array.from(s));
    if (permutationType === 'samples') {
      if (samples.length !== 2) throw new RangeError('permutationTest: permutationType samples is implemented for two samples');
      exact = 2 ** n <= nResamples;
      const evaluate = (swap: (i: number) => boolean) => {
        for (let i = 0; i < n; i++) {
          const s = swap(i);
          bufs[0][i] = s ? samples[1][i] : samples[0][i];
          bufs[1][i] = s ? samples[0][i] : samples[1][i];
        }
        nulls.push(statistic(...bufs));
      };
      if (exact) for (let mask = 0; mask < 2 ** n; mask++) evaluate((i) => Math.floor(mask / 2 ** i) % 2 === 1);
      else for (let r = 0; r < nResamples; r++) evaluate(() => generator.random() < 0.5);
    } else if (permutationType === 'pairings') {
      // permuting every sample but the first gives each relative arrangement once
      exact = factorial(n) ** (samples.length - 1) <= nResamples && samples.length === 2;
      if (exact) {
        permutations(n, (p) => {
          for (let i = 0; i < n; i++) bufs[1][i] = samples[1][p[i]];
          nulls.push(statistic(...bufs));
        });
      } else {
        for (let r = 0; r < nResamples; r++) {
          for (let j = 1; j < samples.length; j++) {
            const p = generator.permutation(n);
            for (let i = 0; i < n; i++) bufs[j][i] = samples[j][p[i]];
          }
          nulls.push(statistic(...bufs));
        }
      }
    } else {
      throw new RangeError(`permutationTest: permutationType must be 'independent', 'samples' or 'pairings', got '${permutationType}'`);
    }
  }
  const nullDistribution = Float64Array.from(nulls);
  // SciPy's comparison with a relative slack of 1e-14, so ties with the observed value count
  const gamma = Math.abs(1e-14 * observed);
  const adjustment = exact ? 0 : 1;
  const count = (pred: (v: number) => boolean) => nullDistribution.reduce((s, v) => s + (pred(v) ? 1 : 0), 0);
  const less = () => (count((v) => v <= observed + gamma) + adjustment) / (nullDistribution.length + adjustment);
  const greater = () => (count((v) => v >= observed - gamma) + adjustment) / (nullDistribution.length + adjustment);
  const pvalue = alternative === 'less' ? less() : alternative === 'greater' ? greater() : Math.min(1, 2 * Math.min(less(), greater()));
  return { statistic: observed, pvalue, nullDistribution };
}
