/**
 * Comparing a clustering with ground-truth labels (sklearn.metrics.cluster._supervised):
 * adjusted Rand index, mutual information and its normalised and adjusted forms,
 * homogeneity, completeness and V-measure. Labels are arbitrary: only the grouping counts.
 */
import { checkConsistentLength, checkLabels, uniqueLabels, type LabelsLike } from '../base/validation.js';

/** Contingency table n[i][j] = samples in true class i and cluster j, with the row and column sums. */
export function contingencyMatrix(labelsTrue: LabelsLike, labelsPred: LabelsLike): number[][] {
  const t = checkLabels(labelsTrue, 'labelsTrue');
  const p = checkLabels(labelsPred, 'labelsPred');
  checkConsistentLength(t.length, p.length);
  const rows = uniqueLabels(t);
  const cols = uniqueLabels(p);
  const ri = new Map(rows.map((c, i) => [c, i]));
  const ci = new Map(cols.map((c, i) => [c, i]));
  const C = rows.map(() => new Array<number>(cols.length).fill(0));
  for (let i = 0; i < t.length; i++) C[ri.get(t[i])!][ci.get(p[i])!]++;
  return C;
}

const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
const rowSums = (C: number[][]) => C.map(sum);
const colSums = (C: number[][]) => (C.length === 0 ? [] : C[0].map((_, j) => sum(C.map((r) => r[j]))));

/**
 * Pair confusion matrix [[tn, fp], [fn, tp]] over all ordered pairs of distinct samples:
 * tp pairs are together in both labellings, tn apart in both.
 */
export function pairConfusionMatrix(labelsTrue: LabelsLike, labelsPred: LabelsLike): [[number, number], [number, number]] {
  const C = contingencyMatrix(labelsTrue, labelsPred);
  const n = sum(rowSums(C));
  const nc = rowSums(C);
  const nk = colSums(C);
  const sumSquares = sum(C.flat().map((v) => v * v));
  const tp = sumSquares - n;
  const fp = sum(C.map((r) => sum(r.map((v, j) => v * nk[j])))) - sumSquares;
  const fn = sum(C.map((r, i) => sum(r.map((v) => v * nc[i])))) - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  return [[tn, fp], [fn, tp]];
}

/**
 * Adjusted Rand index (Hubert & Arabie 1985): agreement of two labellings over pairs of
 * samples, corrected so random labellings score about 0 and identical ones 1.
 *
 * ```ts
 * adjustedRandScore([0, 0, 1, 1], [1, 1, 0, 0]); // 1
 * ```
 */
export function adjustedRandScore(labelsTrue: LabelsLike, labelsPred: LabelsLike): number {
  const [[tn, fp], [fn, tp]] = pairConfusionMatrix(labelsTrue, labelsPred);
  if (fn === 0 && fp === 0) return 1; // identical groupings, including the single-cluster case
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/** Shannon entropy (natural log) of a labelling; 1 for an empty one, as in scikit-learn. */
export function labelEntropy(labels: LabelsLike): number {
  const l = checkLabels(labels);
  if (l.length === 0) return 1;
  const counts = new Map<unknown, number>();
  for (const v of l) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size === 1) return 0;
  const n = l.length;
  let h = 0;
  for (const c of counts.values()) h -= (c / n) * (Math.log(c) - Math.log(n));
  return h;
}

/** MI from a contingency table, summed as scikit-learn sums it (tiny terms set to 0, clipped at 0). */
function mutualInfoFromContingency(C: number[][]): number {
  const total = sum(C.flat());
  const pi = rowSums(C);
  const pj = colSums(C);
  const piSum = sum(pi);
  const pjSum = sum(pj);
  let mi = 0;
  C.forEach((r, i) => r.forEach((nij, j) => {
    if (nij === 0) return;
    const p = nij / total;
    const logOuter = -Math.log(pi[i] * pj[j]) + Math.log(piSum) + Math.log(pjSum);
    const term = p * (Math.log(nij) - Math.log(total)) + p * logOuter;
    mi += Math.abs(term) < Number.EPSILON ? 0 : term;
  }));
  return Math.max(mi, 0);
}

/**
 * Mutual information I(U; V) = Σᵢⱼ (nᵢⱼ/N) log(N·nᵢⱼ / (aᵢ·bⱼ)) between two labellings, in nats.
 */
export function mutualInfoScore(labelsTrue: LabelsLike, labelsPred: LabelsLike): number {
  return mutualInfoFromContingency(contingencyMatrix(labelsTrue, labelsPred));
}

export type AverageMethod = 'min' | 'geometric' | 'arithmetic' | 'max';

function generalizedAverage(u: number, v: number, method: AverageMethod): number {
  if (method === 'min') return Math.min(u, v);
  if (method === 'geometric') return Math.sqrt(u * v);
  if (method === 'arithmetic') return (u + v) / 2;
  return Math.max(u, v);
}

function bothSingleOrEmpty(t: LabelsLike, p: LabelsLike): boolean {
  const a = uniqueLabels(checkLabels(t)).length;
  const b = uniqueLabels(checkLabels(p)).length;
  return (a === 1 && b === 1) || (a === 0 && b === 0);
}

/** MI divided by a mean of the two entropies (`averageMethod`, default 'arithmetic'). */
export function normalizedMutualInfoScore(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: { averageMethod?: AverageMethod } = {}): number {
  if (bothSingleOrEmpty(labelsTrue, labelsPred)) return 1;
  const mi = mutualInfoScore(labelsTrue, labelsPred);
  if (mi === 0) return 0;
  return mi / generalizedAverage(labelEntropy(labelsTrue), labelEntropy(labelsPred), options.averageMethod ?? 'arithmetic');
}

/** log Γ(x) for x > 0: Lanczos approximation (g = 7, n = 9), ~15 significant digits. */
export function gammaln(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - gammaln(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Expected mutual information of two random labellings with the same cluster sizes
 * (Vinh, Epps & Bailey 2010, eq. 24a): a hypergeometric sum over every possible nᵢⱼ.
 */
export function expectedMutualInformation(C: number[][]): number {
  const a = rowSums(C);
  const b = colSums(C);
  const N = sum(a);
  if (a.length === 1 && b.length === 1) return 0; // sklearn: no clustering, EMI 0
  const lgN = gammaln(N + 1);
  let emi = 0;
  for (const ai of a) {
    for (const bj of b) {
      const start = Math.max(1, ai + bj - N);
      const end = Math.min(ai, bj);
      // log of the constant part of the hypergeometric probability
      const base = gammaln(ai + 1) + gammaln(bj + 1) + gammaln(N - ai + 1) + gammaln(N - bj + 1) - lgN;
      for (let nij = start; nij <= end; nij++) {
        const term1 = nij / N;
        const term2 = Math.log(N * nij) - Math.log(ai * bj);
        const logP = base - gammaln(nij + 1) - gammaln(ai - nij + 1) - gammaln(bj - nij + 1) - gammaln(N - ai - bj + nij + 1);
        emi += term1 * term2 * Math.exp(logP);
      }
    }
  }
  return emi;
}

/**
 * Adjusted mutual information (Vinh et al. 2010): (MI − E[MI]) / (mean(H(U), H(V)) − E[MI]),
 * 0 for chance agreement, 1 for identical labellings.
 */
export function adjustedMutualInfoScore(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: { averageMethod?: AverageMethod } = {}): number {
  if (bothSingleOrEmpty(labelsTrue, labelsPred)) return 1;
  const C = contingencyMatrix(labelsTrue, labelsPred);
  const mi = mutualInfoFromContingency(C);
  const emi = expectedMutualInformation(C);
  const normalizer = generalizedAverage(labelEntropy(labelsTrue), labelEntropy(labelsPred), options.averageMethod ?? 'arithmetic');
  let denominator = normalizer - emi;
  // Rounding can make E[MI] exceed the normalizer for perfect matches; keep the sign, avoid 0/0.
  denominator = denominator < 0 ? Math.min(denominator, -Number.EPSILON) : Math.max(denominator, Number.EPSILON);
  return (mi - emi) / denominator;
}

/**
 * Homogeneity (each cluster holds one class), completeness (each class sits in one
 * cluster) and their weighted harmonic mean, the V-measure (Rosenberg & Hirschberg 2007).
 */
export function homogeneityCompletenessVMeasure(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: { beta?: number } = {}): { homogeneity: number; completeness: number; vMeasure: number } {
  const beta = options.beta ?? 1;
  if (checkLabels(labelsTrue).length === 0) return { homogeneity: 1, completeness: 1, vMeasure: 1 };
  const hC = labelEntropy(labelsTrue);
  const hK = labelEntropy(labelsPred);
  const mi = mutualInfoScore(labelsTrue, labelsPred);
  const homogeneity = hC ? mi / hC : 1;
  const completeness = hK ? mi / hK : 1;
  const vMeasure = homogeneity + completeness === 0 ? 0 : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, vMeasure };
}

export const homogeneityScore = (t: LabelsLike, p: LabelsLike): number => homogeneityCompletenessVMeasure(t, p).homogeneity;
export const completenessScore = (t: LabelsLike, p: LabelsLike): number => homogeneityCompletenessVMeasure(t, p).completeness;
export const vMeasureScore = (t: LabelsLike, p: LabelsLike, options: { beta?: number } = {}): number => homogeneityCompletenessVMeasure(t, p, options).vMeasure;
