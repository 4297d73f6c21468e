/**
 * Native categorical splits for histogram gradient boosting, as scikit-learn's (after
 * LightGBM): a categorical feature is binned one bin per category, and a split sends a
 * *set* of categories left. Trying every subset of k categories is 2^(k−1) splits; instead
 * the categories are sorted by G/(H + 10) (their smoothed mean gradient, the 10 being
 * LightGBM's `cat_smooth`) and the sorted order is scanned like an ordered feature, which is
 * optimal for the squared-error gain (Fisher, "On grouping for maximum homogeneity", JASA
 * 1958). Categories with less than 10 of hessian support are kept on the right, and the
 * scan runs from both ends to the middle, so the right child always holds at least half of
 * the categories. NaN is one more category.
 */
import type { Matrix } from '../base/validation.js';

/** Which features are categorical, from a boolean mask or a list of indices (scikit-learn's `categorical_features`). */
export function resolveCategorical(spec: null | boolean[] | number[], d: number, caller: string): boolean[] {
  const is = new Array<boolean>(d).fill(false);
  if (spec === null || spec.length === 0) return is;
  if (spec.every((v) => typeof v === 'boolean')) {
    if (spec.length !== d) throw new Error(`${caller}: categoricalFeatures as a boolean mask must have one entry per feature (${d}); got ${spec.length}.`);
    return (spec as boolean[]).slice();
  }
  for (const f of spec as number[]) {
    if (!Number.isInteger(f) || f < 0 || f >= d) throw new Error(`${caller}: categoricalFeatures set as integer indices must be in [0, ${d - 1}]; got ${f}.`);
    is[f] = true;
  }
  return is;
}

/**
 * The sorted distinct non-NaN values of a categorical column, checked: integers in
 * [0, maxBins) (encode other categories first, e.g. with OrdinalEncoder).
 */
export function knownCategories(M: Matrix, f: number, maxBins: number, caller: string): Float64Array {
  const seen = new Set<number>();
  for (let i = 0; i < M.rows; i++) {
    const v = M.data[i * M.cols + f];
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v) || v < 0 || v >= maxBins) {
      throw new Error(`${caller}: categorical feature at index ${f} is expected to be encoded with integers in [0, ${maxBins - 1}]; got ${v}. Encode it first (OrdinalEncoder).`);
    }
    seen.add(v);
  }
  return Float64Array.from([...seen].sort((a, b) => a - b));
}

export interface CategoricalSplit { gain: number; GL: number; HL: number; nL: number; leftBins: Uint8Array }

const MIN_CAT_SUPPORT = 10;

/**
 * The best categorical split of one feature from its histogram slice `hist` ([G, H, count]
 * per bin; bins 0..nCats−1 are the categories, bin nCats + 1 is NaN), or null. `gainOf`
 * is the grower's second-order gain; `H` and `n` the node's hessian sum and size.
 */
export function bestCategoricalSplit(
  hist: Float64Array, base: number, nCats: number, hasMissing: boolean, G: number, H: number, n: number,
  o: { minSamplesLeaf: number; minHessianToSplit: number }, gainOf: (GL: number, HL: number, GR: number, HR: number) => number,
): CategoricalSplit | null {
  const support = n / H; // 1 when every hessian is 1
  const used: { bin: number; value: number }[] = [];
  const consider = (bin: number) => {
    const k = base + 3 * bin;
    if (hist[k + 1] * support >= MIN_CAT_SUPPORT) used.push({ bin, value: hist[k] / (hist[k + 1] + MIN_CAT_SUPPORT) });
  };
  for (let b = 0; b < nCats; b++) consider(b);
  if (hasMissing) consider(nCats + 1);
  if (used.length <= 1) return null;
  mergeSortLikeQsort(used);
  let best: { gain: number; GL: number; HL: number; nL: number; thresh: number; direction: 1 | -1 } | null = null;
  for (const direction of [1, -1] as const) {
    const middle = direction === 1 ? (used.length + 1) >> 1 : ((used.length + 1) >> 1) - 1;
    let GL = 0;
    let HL = 0;
    let nL = 0;
    for (let i = 0; i < middle; i++) {
      const sorted = direction === 1 ? i : used.length - 1 - i;
      const k = base + 3 * used[sorted].bin;
      nL += hist[k + 2];
      HL += hist[k + 1];
      GL += hist[k];
      const nR = n - nL;
      const HR = H - HL;
      if (nL < o.minSamplesLeaf || HL < o.minHessianToSplit) continue;
      if (nR < o.minSamplesLeaf || HR < o.minHessianToSplit) break;
      const gain = gainOf(GL, HL, G - GL, HR);
      if (gain > 0 && (best === null || gain > best.gain)) best = { gain, GL, HL, nL, thresh: sorted, direction };
    }
  }
  if (best === null) return null;
  // The categories on the left: the sorted prefix (or suffix) up to the threshold.
  const leftBins = new Uint8Array(nCats + 2);
  if (best.direction === 1) for (let s = 0; s <= best.thresh; s++) leftBins[used[s].bin] = 1;
  else for (let s = used.length - 1; s >= best.thresh; s--) leftBins[used[s].bin] = 1;
  return { gain: best.gain, GL: best.GL, HL: best.HL, nL: best.nL, leftBins };
}

/**
 * Sorts by value the way scikit-learn's `qsort` call does on glibc (a top-down merge sort,
 * with a comparator that never answers "equal": -1 if a < b, else 1). Categories often tie
 * (early on, gradients take few distinct values), and the order of ties decides the split,
 * so we reproduce it: when merging, a tie takes the element from the right half first.
 */
function mergeSortLikeQsort(items: { bin: number; value: number }[]): void {
  const tmp = items.slice();
  const sort = (lo: number, n: number): void => {
    if (n <= 1) return;
    const n1 = n >> 1;
    sort(lo, n1);
    sort(lo + n1, n - n1);
    let i = lo;
    let j = lo + n1;
    const iEnd = lo + n1;
    const jEnd = lo + n;
    let k = 0;
    while (i < iEnd && j < jEnd) tmp[k++] = items[i].value < items[j].value ? items[i++] : items[j++];
    while (i < iEnd) tmp[k++] = items[i++];
    while (j < jEnd) tmp[k++] = items[j++];
    for (let t = 0; t < k; t++) items[lo + t] = tmp[t];
  };
  sort(0, items.length);
}
