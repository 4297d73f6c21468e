/**
 * TF-IDF weighting, after scikit-learn's `TfidfTransformer` and `TfidfVectorizer`.
 *
 * With `smoothIdf` (the default) idf(t) = ln((1 + n) / (1 + df(t))) + 1, as if one extra
 * document held every term once; without it idf(t) = ln(n / df(t)) + 1. The "+ 1" keeps
 * terms that occur in every document from being zeroed out. `sublinearTf` replaces a count
 * c by 1 + ln(c). Rows are then scaled to unit `norm` (Manning, Raghavan & Schütze,
 * "Introduction to Information Retrieval", 2008, ch. 6; scikit-learn's user guide §6.2.3.4).
 */
import { BaseEstimator, type EstimatorSpec } from '../learn/base/base-estimator.js';
import { C } from '../learn/base/constraints.js';
import { CountVectorizer, type CountVectorizerParams } from './count-vectorizer.js';
import { CsrMatrix } from './sparse.js';

export interface TfidfParams {
  /** Scale each row to unit `'l2'` (default) or `'l1'` norm, or not at all (null). */
  norm: 'l1' | 'l2' | null;
  /** Multiply by the inverse document frequency. */
  useIdf: boolean;
  /** Add one to document frequencies (and to n), preventing division by zero. */
  smoothIdf: boolean;
  /** Replace a term count c by 1 + ln(c). */
  sublinearTf: boolean;
}

const TFIDF_DEFAULTS: TfidfParams = { norm: 'l2', useIdf: true, smoothIdf: true, sublinearTf: false };
const TFIDF_CONSTRAINTS = {
  norm: [C.options('l1', 'l2'), C.null],
  useIdf: [C.boolean],
  smoothIdf: [C.boolean],
  sublinearTf: [C.boolean],
};

/** A count matrix given to the transformer: CSR, or dense (nested arrays or `{ data, shape }`). */
export type CountsLike = CsrMatrix | readonly (readonly number[])[] | { readonly data: ArrayLike<number>; readonly shape: readonly number[] };

function toCsr(caller: string, X: CountsLike): CsrMatrix {
  const M = X instanceof CsrMatrix ? X : CsrMatrix.fromDense(X);
  for (const v of M.data) {
    if (!Number.isFinite(v)) throw new Error(`${caller}: the count matrix contains ${v}. Counts must be finite.`);
  }
  return M;
}

/** idf from document frequencies: ln((n + s) / (df + s)) + 1 with s = 1 when smoothing. */
function computeIdf(X: CsrMatrix, smooth: boolean): Float64Array {
  const df = new Float64Array(X.cols);
  for (let k = 0; k < X.nnz; k++) if (X.data[k] !== 0) df[X.indices[k]] += 1;
  const s = smooth ? 1 : 0;
  const n = X.rows + s;
  return df.map((d) => Math.log(n / (d + s)) + 1);
}

function weigh(X: CsrMatrix, p: TfidfParams, idf: Float64Array | undefined): CsrMatrix {
  let out = X.map((v, j) => {
    const tf = p.sublinearTf ? Math.log(v) + 1 : v;
    return idf ? tf * idf[j] : tf;
  });
  if (p.norm) out = out.normalizeRows(p.norm);
  return out;
}

/**
 * Turns a count matrix into TF-IDF weights.
 *
 * ```ts
 * const counts = new CountVectorizer().fitTransform(['the cat', 'the dog']);
 * new TfidfTransformer().fitTransform(counts).toArray()[0]; // [0.8148…, 0, 0.5797…]
 * ```
 */
export class TfidfTransformer extends BaseEstimator<TfidfParams> {
  static override readonly spec: EstimatorSpec<TfidfParams> = {
    name: 'TfidfTransformer',
    defaults: TFIDF_DEFAULTS,
    constraints: TFIDF_CONSTRAINTS,
  };

  /** Inverse document frequency per column (only when `useIdf`). */
  declare idf_: Float64Array;

  fit(X: CountsLike): this {
    this.beginFit();
    const M = toCsr(`${this.estimatorName}.fit`, X);
    this.nFeaturesIn_ = M.cols;
    if (this.params.useIdf) this.idf_ = computeIdf(M, this.params.smoothIdf);
    return this;
  }

  transform(X: CountsLike): CsrMatrix {
    this.checkIsFitted();
    const M = toCsr(`${this.estimatorName}.transform`, X);
    if (M.cols !== this.nFeaturesIn_) {
      throw new Error(`X has ${M.cols} features, but ${this.estimatorName} is expecting ${this.nFeaturesIn_} features as input.`);
    }
    return weigh(M, this.params, this.params.useIdf ? this.idf_ : undefined);
  }

  fitTransform(X: CountsLike): CsrMatrix {
    return this.fit(X).transform(X);
  }
}

export interface TfidfVectorizerParams extends CountVectorizerParams, TfidfParams {}

/**
 * `CountVectorizer` followed by `TfidfTransformer`, with both sets of parameters.
 *
 * ```ts
 * const tv = new TfidfVectorizer({ sublinearTf: true });
 * const X = tv.fitTransform(['the cat sat', 'the dog sat', 'a cat']);
 * tv.idf_; // ln(4/3)+1 for 'cat', ...
 * ```
 */
export class TfidfVectorizer extends BaseEstimator<TfidfVectorizerParams> {
  static override readonly spec: EstimatorSpec<TfidfVectorizerParams> = {
    name: 'TfidfVectorizer',
    defaults: { ...CountVectorizer.spec.defaults, ...TFIDF_DEFAULTS },
    constraints: { ...CountVectorizer.spec.constraints, ...TFIDF_CONSTRAINTS },
  };

  declare vocabulary_: Record<string, number>;
  declare idf_: Float64Array;

  private parts(): { cv: CountVectorizer; tt: TfidfTransformer } {
    const { norm, useIdf, smoothIdf, sublinearTf, ...countParams } = this.params;
    return { cv: new CountVectorizer(countParams), tt: new TfidfTransformer({ norm, useIdf, smoothIdf, sublinearTf }) };
  }

  fit(docs: readonly string[]): this {
    this.fitTransform(docs);
    return this;
  }

  fitTransform(docs: readonly string[]): CsrMatrix {
    this.beginFit();
    const { cv, tt } = this.parts();
    const counts = cv.fitTransform(docs);
    tt.fit(counts);
    this.vocabulary_ = cv.vocabulary_;
    if (this.params.useIdf) this.idf_ = tt.idf_;
    return weigh(counts, this.params, this.params.useIdf ? this.idf_ : undefined);
  }

  transform(docs: readonly string[]): CsrMatrix {
    this.checkIsFitted();
    const { cv } = this.parts();
    cv.restoreFitted({ vocabulary_: this.vocabulary_ });
    return weigh(cv.transform(docs), this.params, this.params.useIdf ? this.idf_ : undefined);
  }

  /** The feature names, in column order. */
  getFeatureNamesOut(): string[] {
    this.checkIsFitted();
    return new CountVectorizer().restoreFitted({ vocabulary_: this.vocabulary_ }).getFeatureNamesOut();
  }
}
