/**
 * Finding the best split of one node (scikit-learn's `BestSplitter` and `RandomSplitter`,
 * `sklearn/tree/_splitter.pyx`).
 *
 * Best: for each candidate feature, sort the node's samples by that feature (an
 * introsort on the typed-array pair (value, sample index), O(m log m)), then sweep the
 * sorted order once, asking the criterion about every boundary between two distinct
 * values. The threshold is the midpoint of the two values. Total per node: O(d m log m).
 *
 * Random (extremely randomized trees, Geurts et al. 2006): one uniform threshold between
 * the feature's min and max in the node, so no sort at all; the best feature wins.
 *
 * Features are drawn without replacement (Fisher–Yates) until `maxFeatures` non-constant
 * ones have been looked at; features known to be constant in the parent are skipped.
 */
import type { Generator } from '../../random/index.js';
import type { Criterion } from './criterion.js';

/** Values closer than this count as equal (scikit-learn's FEATURE_THRESHOLD). */
export const FEATURE_THRESHOLD = 1e-7;

export interface SplitRecord {
  feature: number;
  /** First sample index (in `samples`) of the right child; `end` when no split was found. */
  pos: number;
  threshold: number;
  improvement: number;
  impurityLeft: number;
  impurityRight: number;
}

export interface SplitterOptions {
  /** X column-major, rounded to float32 as scikit-learn does: feature f of sample i at `Xc[f * n + i]`. */
  Xc: Float32Array;
  nSamples: number;
  nFeatures: number;
  maxFeatures: number;
  minSamplesLeaf: number;
  minWeightLeaf: number;
  random: boolean;
  rng: Generator;
}

export class Splitter {
  readonly features: Int32Array;
  private readonly Xf: Float32Array;

  constructor(readonly o: SplitterOptions, readonly criterion: Criterion, readonly samples: Int32Array) {
    this.features = Int32Array.from({ length: o.nFeatures }, (_, i) => i);
    this.Xf = new Float32Array(o.nSamples);
  }

  /**
   * Searches samples[start, end) for the best split and, if one is found, reorders the
   * samples so the left child is [start, pos). `nConstant` is how many features (at the
   * front of `features`) are known to be constant here; returns the new count.
   */
  nodeSplit(start: number, end: number, impurity: number, nKnownConstants: number, best: SplitRecord): number {
    const { o, criterion, samples, features, Xf } = this;
    const { Xc, nSamples: n, minSamplesLeaf, minWeightLeaf, rng } = o;
    best.feature = -1;
    best.pos = end;
    best.threshold = -2;
    best.improvement = -Infinity;
    let bestProxy = -Infinity;
    let fI = o.nFeatures;
    let nVisited = 0;
    let nFoundConstants = 0;
    let nDrawnConstants = 0;
    let nTotalConstants = nKnownConstants;
    let bestFeature = -1;
    let bestPos = end;
    let bestThreshold = -2;

    while (fI > nTotalConstants && (nVisited < o.maxFeatures || nVisited <= nFoundConstants + nDrawnConstants)) {
      nVisited++;
      // Draw a feature among the not-yet-visited, not-known-constant ones.
      let fJ = rng.integers(nDrawnConstants, fI - nFoundConstants);
      if (fJ < nKnownConstants) {
        swap(features, nDrawnConstants, fJ);
        nDrawnConstants++;
        continue;
      }
      fJ += nFoundConstants;
      const f = features[fJ];
      const col = f * n;

      if (!o.random) {
        for (let p = start; p < end; p++) Xf[p] = Xc[col + samples[p]];
        sortPair(Xf, samples, start, end);
        if (Xf[end - 1] <= Xf[start] + FEATURE_THRESHOLD) {
          features[fJ] = features[nTotalConstants];
          features[nTotalConstants] = f;
          nFoundConstants++;
          nTotalConstants++;
          continue;
        }
        fI--;
        swap(features, fI, fJ);
        criterion.reset();
        let p = start;
        while (p < end) {
          while (p + 1 < end && Xf[p + 1] <= Xf[p] + FEATURE_THRESHOLD) p++;
          p++;
          if (p >= end) break;
          if (p - start < minSamplesLeaf || end - p < minSamplesLeaf) continue;
          criterion.update(p);
          if (criterion.weightedNLeft < minWeightLeaf || criterion.weightedNRight < minWeightLeaf) continue;
          const proxy = criterion.proxyImpurityImprovement();
          if (proxy > bestProxy) {
            bestProxy = proxy;
            // Midway between the two values; if that rounds onto the upper one, use the lower.
            let threshold = Xf[p - 1] / 2 + Xf[p] / 2;
            if (threshold === Xf[p] || threshold === Infinity || threshold === -Infinity) threshold = Xf[p - 1];
            bestFeature = f;
            bestPos = p;
            bestThreshold = threshold;
          }
        }
      } else {
        let lo = Infinity;
        let hi = -Infinity;
        for (let p = start; p < end; p++) {
          const v = Xc[col + samples[p]];
          Xf[p] = v;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        if (hi <= lo + FEATURE_THRESHOLD) {
          features[fJ] = features[nTotalConstants];
          features[nTotalConstants] = f;
          nFoundConstants++;
          nTotalConstants++;
          continue;
        }
        fI--;
        swap(features, fI, fJ);
        let threshold = lo + (hi - lo) * rng.random();
        if (threshold === hi) threshold = lo;
        const pos = partition(Xf, samples, start, end, threshold);
        if (pos - start < minSamplesLeaf || end - pos < minSamplesLeaf) continue;
        criterion.reset();
        criterion.update(pos);
        if (criterion.weightedNLeft < minWeightLeaf || criterion.weightedNRight < minWeightLeaf) continue;
        const proxy = criterion.proxyImpurityImprovement();
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestFeature = f;
          bestPos = pos;
          bestThreshold = threshold;
        }
      }
    }

    if (bestPos < end) {
      // Put the winning feature's left samples first.
      const col = bestFeature * n;
      for (let p = start; p < end; p++) Xf[p] = Xc[col + samples[p]];
      partition(Xf, samples, start, end, bestThreshold);
      criterion.reset();
      criterion.update(bestPos);
      criterion.childrenImpurity();
      best.impurityLeft = criterion.impurityLeft;
      best.impurityRight = criterion.impurityRight;
      best.improvement = criterion.impurityImprovement(impurity, best.impurityLeft, best.impurityRight);
      best.feature = bestFeature;
      best.pos = bestPos;
      best.threshold = bestThreshold;
    }
    return nTotalConstants;
  }
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Moves samples with Xf <= threshold to the front of [start, end); returns the boundary. */
function partition(Xf: Float32Array, samples: Int32Array, start: number, end: number, threshold: number): number {
  let p = start;
  let q = end;
  while (p < q) {
    if (Xf[p] <= threshold) {
      p++;
    } else {
      q--;
      const tv = Xf[p];
      Xf[p] = Xf[q];
      Xf[q] = tv;
      const ts = samples[p];
      samples[p] = samples[q];
      samples[q] = ts;
    }
  }
  return p;
}

/**
 * Sorts Xf[start, end) ascending and applies the same moves to `samples`: quicksort with
 * a median-of-three pivot and three-way partition (many equal values are common in
 * real features), insertion sort below 16 elements, heapsort if recursion runs deep
 * (introsort: Musser, 1997), as scikit-learn's splitter does.
 */
export function sortPair(Xf: Float32Array, samples: Int32Array, start: number, end: number): void {
  if (end - start > 1) introsort(Xf, samples, start, end, 2 * Math.floor(Math.log2(end - start)));
}

function introsort(Xf: Float32Array, s: Int32Array, start: number, end: number, maxd: number): void {
  while (end - start > 16) {
    if (maxd <= 0) {
      heapsort(Xf, s, start, end);
      return;
    }
    maxd--;
    // Median of three.
    const a = Xf[start];
    const b = Xf[(start + end) >> 1];
    const c = Xf[end - 1];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : c < b ? b : a < c ? a : c;
    // Three-way partition: [start, l) < pivot, [l, i) == pivot, (r, end) > pivot.
    let l = start;
    let i = start;
    let r = end;
    while (i < r) {
      const v = Xf[i];
      if (v < pivot) {
        swapBoth(Xf, s, i, l);
        i++;
        l++;
      } else if (v > pivot) {
        r--;
        swapBoth(Xf, s, i, r);
      } else {
        i++;
      }
    }
    // Recurse into the smaller side, loop on the larger.
    if (l - start < end - r) {
      introsort(Xf, s, start, l, maxd);
      start = r;
    } else {
      introsort(Xf, s, r, end, maxd);
      end = l;
    }
  }
  for (let i = start + 1; i < end; i++) {
    const v = Xf[i];
    const si = s[i];
    let j = i - 1;
    while (j >= start && Xf[j] > v) {
      Xf[j + 1] = Xf[j];
      s[j + 1] = s[j];
      j--;
    }
    Xf[j + 1] = v;
    s[j + 1] = si;
  }
}

function swapBoth(Xf: Float32Array, s: Int32Array, i: number, j: number): void {
  const t = Xf[i];
  Xf[i] = Xf[j];
  Xf[j] = t;
  const u = s[i];
  s[i] = s[j];
  s[j] = u;
}

function heapsort(Xf: Float32Array, s: Int32Array, start: number, end: number): void {
  const n = end - start;
  const sift = (root: number, size: number) => {
    for (;;) {
      let child = 2 * root + 1;
      if (child >= size) return;
      if (child + 1 < size && Xf[start + child] < Xf[start + child + 1]) child++;
      if (Xf[start + root] >= Xf[start + child]) return;
      swapBoth(Xf, s, start + root, start + child);
      root = child;
    }
  };
  for (let i = (n >> 1) - 1; i >= 0; i--) sift(i, n);
  for (let e = n - 1; e > 0; e--) {
    swapBoth(Xf, s, start, start + e);
    sift(0, e);
  }
}
