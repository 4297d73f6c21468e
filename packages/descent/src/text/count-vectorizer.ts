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
    // Count every feature, with columns in order of first appearance.
    const vocab = new Map<string, number>();
    const analyze = buildAnalyzer(p);
    const rows = docs.map((d) => {
      const counts = new Map<number, number>();
      for (const f of analyze(d)) {
        let j = vocab.get(f);
        if (j === undefined) vocab.set(f, (j = vocab.size));
        counts.set(j, (counts.get(j) ?? 0) + 1);
      }
      return counts;
    });
    if (vocab.size === 0) throw new Error(`${name}: empty vocabulary; perhaps the documents only contain stop words.`);
    // Document and total frequencies, then the terms that pass the limits, in sorted order.
    const df = new Float64Array(vocab.size);
    const tf = new Float64Array(vocab.size);
    for (const r of rows) for (const [j, c] of r) { df[j] += 1; tf[j] += c; }
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
    // Renumber the counted rows into the final columns.
    const old2new = new Int32Array(vocab.size).fill(-1);
    for (const [t, j] of vocab) old2new[j] = column.get(t) ?? -1;
    const maps = rows.map((r) => {
      const m = new Map<number, number>();
      for (const [j, c] of r) if (old2new[j] >= 0) m.set(old2new[j], p.binary ? 1 : c);
      return m;
    });
    return CsrMatrix.fromRowMaps(maps, column.size);
  }

  /** The count matrix of new documents over the learned vocabulary; unknown terms are ignored. */
  transform(docs: readonly string[]): CsrMatrix {
    this.checkIsFitted();
    checkDocuments(`${this.estimatorName}.transform`, docs);
    return this.countWith(docs, new Map(Object.entries(this.vocabulary_)));
  }

  private countWith(docs: readonly string[], vocab: Map<string, number>): CsrMatrix {
    const analyze = buildAnalyzer(this.params);
    const maps = docs.map((d) => {
      const m = new Map<number, number>();
      for (const f of analyze(d)) {
        const j = vocab.get(f);
        if (j !== undefined) m.set(j, this.params.binary ? 1 : (m.get(j) ?? 0) + 1);
      }
      return m;
    });
    return CsrMatrix.fromRowMaps(maps, vocab.size);
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
