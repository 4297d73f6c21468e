/**
 * `CountVectorizer`: documents → a matrix of token counts, after scikit-learn's
 * `sklearn.feature_extraction.text.CountVectorizer` (same parameters, same vocabulary, same
 * matrix; goldens in test/text/vectorizers.test.ts).
 *
 * Output is a `CsrMatrix` (rows = documents, columns = features in `getFeatureNamesOut()`
 * order); call `.toDense()` for a Tensor any `descent/learn` estimator takes.
 */
import { BaseEstimator, type EstimatorSpec } from '../learn/base/base-estimator.js';
import { C } from '../learn/base/constraints.js';
import { ANALYZER_CONSTRAINTS, ANALYZER_DEFAULTS, buildAnalyzer, checkDocuments, compareCodePoints, type AnalyzerParams } from './analyzer.js';
import { CsrMatrix } from './sparse.js';

export interface CountVectorizerParams extends AnalyzerParams {
  /**
   * Drop terms in more documents than this: a proportion in [0, 1] (1, the default, keeps all,
   * as scikit-learn's 1.0) or an integer count >= 2. (JavaScript has one number type, so the
   * integer 1 means the proportion 1.0 here.)
   */
  maxDf: number;
  /** Drop terms in fewer documents than this: an integer count (1, the default, keeps all) or a proportion in [0, 1). */
  minDf: number;
  /** Keep only the `maxFeatures` terms most frequent across the corpus (ties: alphabetical order), or null for all. */
  maxFeatures: number | null;
  /** A fixed vocabulary (terms in column order, or term → column), or null to learn it. */
  vocabulary: readonly string[] | Readonly<Record<string, number>> | null;
  /** Set every non-zero count to 1. */
  binary: boolean;
}

/** Reads a document-frequency bound the way the docs above describe. */
function dfBound(v: number, nDocs: number, isMax: boolean): number {
  const proportion = isMax ? v <= 1 && !(Number.isInteger(v) && v > 1) : !Number.isInteger(v);
  return proportion ? v * nDocs : v;
}

/**
 * CSR counts from each row's column ids, sorted ascending: each run of equal ids becomes one
 * entry holding the run's length (or 1 when `binary`).
 */
function csrFromSortedIds(rows: readonly Int32Array[], cols: number, binary: boolean): CsrMatrix {
  let total = 0;
  for (const r of rows) total += r.length;
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(total);
  const data = new Float64Array(total);
  let nnz = 0;
  rows.forEach((r, i) => {
    for (let k = 0; k < r.length; k++) {
      if (k > 0 && r[k] === r[k - 1]) {
        if (!binary) data[nnz - 1] += 1;
      } else {
        indices[nnz] = r[k];
        data[nnz++] = 1;
      }
    }
    indptr[i + 1] = nnz;
  });
  return new CsrMatrix([rows.length, cols], indptr, indices.slice(0, nnz), data.slice(0, nnz));
}

/** The fixed vocabulary parameter as term → column, checked. */
export function validateVocabulary(name: string, vocab: readonly string[] | Readonly<Record<string, number>>): Map<string, number> {
  const m = new Map<string, number>();
  if (Array.isArray(vocab)) {
    (vocab as readonly string[]).forEach((t, i) => {
      if (m.has(t)) throw new Error(`${name}: the vocabulary has the term ${JSON.stringify(t)} twice. Give each term once.`);
      m.set(t, i);
    });
  } else {
    for (const [t, i] of Object.entries(vocab)) m.set(t, i);
    const seen = new Set(m.values());
    for (let i = 0; i < m.size; i++) {
      if (!seen.has(i)) throw new Error(`${name}: the vocabulary's columns must be 0..${m.size - 1} without gaps; column ${i} is missing.`);
    }
  }
  if (m.size === 0) throw new Error(`${name}: the vocabulary is empty. Give at least one term, or pass vocabulary: null to learn it.`);
  return m;
}

/**
 * Counts how often each vocabulary term occurs in each document.
 *
 * ```ts
 * const cv = new CountVectorizer({ ngramRange: [1, 2] });
 * const X = cv.fitTransform(['the cat sat', 'the cat ran']);
 * cv.getFeatureNamesOut(); // ['cat', 'cat ran', 'cat sat', 'ran', 'sat', 'the', 'the cat']
 * X.toArray()[0];          // [1, 0, 1, 0, 1, 1, 1]
 * ```
 */
export class CountVectorizer extends BaseEstimator<CountVectorizerParams> {
  static override readonly spec: EstimatorSpec<CountVectorizerParams> = {
    name: 'CountVectorizer',
    defaults: { ...ANALYZER_DEFAULTS, maxDf: 1, minDf: 1, maxFeatures: null, vocabulary: null, binary: false },
    constraints: {
      ...ANALYZER_CONSTRAINTS,
      maxDf: [C.number({ min: 0, max: 1 }), C.integer({ min: 1 })],
      minDf: [C.number({ min: 0, max: 1 }), C.integer({ min: 1 })],
      maxFeatures: [C.integer({ min: 1 }), C.null],
      vocabulary: [C.custom('an array of strings or an object mapping terms to columns', (v) => typeof v === 'object' && v !== null), C.null],
      binary: [C.boolean],
    },
  };

  /** Term → column index. */
  declare vocabulary_: Record<string, number>;

  /** Learns the vocabulary from `docs` (or takes the fixed one) and returns `this`. */
  fit(docs: readonly string[]): this {
    this.fitTransform(docs);
    return this;
  }

  /** Learns the vocabulary and returns the document-term count matrix in one pass. */
  fitTransform(docs: readonly string[]): CsrMatrix {
    this.beginFit();
    const name = this.estimatorName;
    checkDocuments(`${name}.fit`, docs);
    const p = this.params;
    if (p.vocabulary !== null) {
      const vocab = validateVocabulary(name, p.vocabulary);
      this.vocabulary_ = Object.fromEntries(vocab);
      return this.countWith(docs, vocab);
    }
    // Each document as the column ids of its features (columns in order of first appearance),
    // sorted so equal ids sit together: counting is then a run-length pass over typed arrays.
    const vocab = new Map<string, number>();
    const analyze = buildAnalyzer(p);
    const lists = docs.map((d) => {
      const feats = analyze(d);
      const ids = new Int32Array(feats.length);
      for (let k = 0; k < feats.length; k++) {
        let j = vocab.get(feats[k]);
        if (j === undefined) vocab.set(feats[k], (j = vocab.size));
        ids[k] = j;
      }
      return ids.sort();
    });
    if (vocab.size === 0) throw new Error(`${name}: empty vocabulary; perhaps the documents only contain stop words.`);
    // Document and total frequencies, then the terms that pass the limits, in sorted order.
    const df = new Float64Array(vocab.size);
    const tf = new Float64Array(vocab.size);
    for (const ids of lists) {
      for (let k = 0; k < ids.length; k++) {
        tf[ids[k]] += 1;
        if (k === 0 || ids[k] !== ids[k - 1]) df[ids[k]] += 1;
      }
    }
    const n = docs.length;
    const high = dfBound(p.maxDf, n, true);
    const low = dfBound(p.minDf, n, false);
    if (high < low) throw new Error(`${name}: maxDf corresponds to < documents than minDf. Lower minDf or raise maxDf.`);
    const terms = Array.from(vocab.keys()).sort(compareCodePoints);
    let kept = terms.filter((t) => df[vocab.get(t)!] <= high && df[vocab.get(t)!] >= low);
    if (p.maxFeatures !== null && kept.length > p.maxFeatures) {
      // Most frequent first; equal totals keep alphabetical order (a stable sort). NumPy's
      // argsort, which scikit-learn uses here, is not stable beyond 16 items, so its ties may differ.
      const order = kept.map((t, i) => i).sort((a, b) => tf[vocab.get(kept[b])!] - tf[vocab.get(kept[a])!] || a - b);
      const keep = new Set(order.slice(0, p.maxFeatures));
      kept = kept.filter((_, i) => keep.has(i));
    }
    if (kept.length === 0) throw new Error(`${name}: after pruning, no terms remain. Try a lower minDf or a higher maxDf.`);
    const column = new Map(kept.map((t, i) => [t, i]));
    this.vocabulary_ = Object.fromEntries(column);
    // Renumber into the final (sorted) columns, dropping pruned terms.
    const old2new = new Int32Array(vocab.size).fill(-1);
    for (const [t, j] of vocab) old2new[j] = column.get(t) ?? -1;
    const renumbered = lists.map((ids) => {
      const out = new Int32Array(ids.length);
      let m = 0;
      for (let k = 0; k < ids.length; k++) if (old2new[ids[k]] >= 0) out[m++] = old2new[ids[k]];
      return out.subarray(0, m).sort();
    });
    return csrFromSortedIds(renumbered, column.size, p.binary);
  }

  /** The count matrix of new documents over the learned vocabulary; unknown terms are ignored. */
  transform(docs: readonly string[]): CsrMatrix {
    this.checkIsFitted();
    checkDocuments(`${this.estimatorName}.transform`, docs);
    return this.countWith(docs, new Map(Object.entries(this.vocabulary_)));
  }

  private countWith(docs: readonly string[], vocab: Map<string, number>): CsrMatrix {
    const analyze = buildAnalyzer(this.params);
    const lists = docs.map((d) => {
      const feats = analyze(d);
      const ids = new Int32Array(feats.length);
      let m = 0;
      for (const f of feats) {
        const j = vocab.get(f);
        if (j !== undefined) ids[m++] = j;
      }
      return ids.subarray(0, m).sort();
    });
    return csrFromSortedIds(lists, vocab.size, this.params.binary);
  }

  /**
   * The feature names, in column order.
   *
   * ```ts
   * new CountVectorizer().fit(['bb aa', 'cc']).getFeatureNamesOut(); // ['aa', 'bb', 'cc']
   * ```
   */
  getFeatureNamesOut(): string[] {
    this.checkIsFitted();
    const names: string[] = new Array<string>(Object.keys(this.vocabulary_).length);
    for (const [t, j] of Object.entries(this.vocabulary_)) names[j] = t;
    return names;
  }
}
